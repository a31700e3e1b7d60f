package im.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordHashingTest {

    private final PasswordHashing hashing = new PasswordHashing(1000, Executors.newFixedThreadPool(2));

    @AfterEach
    void close() throws InterruptedException {
        hashing.close();
    }

    @Test
    void theStoredFormNamesTheAlgorithmAndItsCostAndNeverThePassword() {
        String hash = hashing.hash("s3cretpass");
        assertThat(hash).startsWith("{pbkdf2-sha256:1000}").doesNotContain("s3cretpass");
        assertThat(hashing.hash("s3cretpass")).as("salted").isNotEqualTo(hash);
    }

    @Test
    void matchesOnlyTheRightPassword() {
        String hash = hashing.hash("s3cretpass");
        assertThat(hashing.matches("s3cretpass", hash)).isTrue();
        assertThat(hashing.matches("s3cretpasS", hash)).isFalse();
    }

    @Test
    void hashesMadeWithAnotherIterationCountStillMatch() throws InterruptedException {
        try (PasswordHashing stronger = new PasswordHashing(2000, Executors.newSingleThreadExecutor())) {
            assertThat(stronger.matches("s3cretpass", hashing.hash("s3cretpass"))).isTrue();
        }
    }

    @Test
    void longPasswordsWork() {
        String password = "\u00e9".repeat(128);
        assertThat(hashing.matches(password, hashing.hash(password))).isTrue();
    }

    @Test
    void bcryptHashesFromSpringAreAccepted() {
        String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("s3cretpass");
        assertThat(hashing.matches("s3cretpass", bcrypt)).isTrue();
    }

    @Test
    void malformedOrUnknownHashesNeverMatch() {
        assertThat(hashing.matches("x", "{pbkdf2-sha256:abc}00")).isFalse();
        assertThat(hashing.matches("x", "{rot13}k")).isFalse();
        assertThat(hashing.matches("x", "{pbkdf2-sha256:1000")).isFalse();
    }
}
