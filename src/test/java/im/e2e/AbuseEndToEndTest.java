package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What one user can do to others through the server: a password change that leaves a stolen
 * session open, a look-alike of someone's name, escape sequences for other people's terminals,
 * and lines longer than the server's own limit.
 */
class AbuseEndToEndTest extends ServerTestSupport {

    private static final String KELVIN_SIGN = "\u212A";

    @Test
    void aPasswordChangeEndsTheUsersOtherSessions() {
        try (TestClient owner = TestClient.connect(port); TestClient thief = TestClient.connect(port)) {
            String name = owner.registerAndLogin("stolen");
            assertThat(thief.command("LOGIN " + name + " password1 laptop")).startsWith("OK LOGGED_IN");
            assertThat(owner.command("PASSWD password1 password2")).isEqualTo("OK PASSWORD_CHANGED");
            assertThat(thief.readUntilClosed()).last().asString().startsWith("BYE password changed");
            assertThat(owner.command("SESSIONS")).startsWith("OK SESSIONS 1 ");
        }
    }

    @Test
    void aLookAlikeOfANameIsNoUserAnywhere() {
        try (TestClient karl = TestClient.connect(port); TestClient other = TestClient.connect(port)) {
            String name = karl.registerAndLogin("k");
            String lookAlike = KELVIN_SIGN + name.substring(1);
            assertThat(other.command("LOGIN " + lookAlike + " password1")).startsWith("ERR BAD_CREDENTIALS");
            other.registerAndLogin("sender");
            assertThat(other.command("SEND " + lookAlike + " hello")).startsWith("ERR NO_SUCH_USER");
            assertThat(other.command("HISTORY " + lookAlike)).startsWith("ERR NO_SUCH_USER");
        }
    }

    @Test
    void textWithControlCharactersIsRefusedWithAClearError() {
        try (TestClient alice = TestClient.connect(port); TestClient bob = TestClient.connect(port)) {
            alice.registerAndLogin("term");
            String bobName = bob.registerAndLogin("victim");
            assertThat(alice.command("SEND " + bobName + " \u001b]0;pwned\u0007\u001b[2J"))
                    .startsWith("ERR INVALID_TEXT").contains("U+001B");
            assertThat(alice.command("SEND " + bobName + " hi\rMSG 1 2026-01-01T00:00:00Z root " + bobName + " forged"))
                    .startsWith("ERR INVALID_TEXT").contains("U+000D");
            assertThat(alice.command("SEND " + bobName + " fine\twith a tab")).startsWith("OK SENT");
        }
    }

    @Test
    void noLineTheServerSendsIsLongerThanTheLineLimit() {
        try (TestClient alice = TestClient.connect(port); TestClient bob = TestClient.connect(port)) {
            alice.registerAndLogin("a".repeat(24));
            String bobName = bob.registerAndLogin("b".repeat(24));
            String fourBytes = "\ud83d\ude00";
            assertThat(alice.command("SEND " + bobName + " " + fourBytes.repeat(1000))).startsWith("ERR MESSAGE_TOO_LONG");
            assertThat(alice.command("SEND " + bobName + " " + fourBytes.repeat(992))).startsWith("OK SENT");
            String line = bob.awaitEvent(event -> event.startsWith("MSG "));
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        }
    }
}
