package im.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.testing.TestLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {

    @TempDir
    Path dir;

    private Accounts accounts;

    @BeforeEach
    void setUp() {
        accounts = new Accounts(new AccountStore(dir.resolve("users.txt")),
                new PasswordHashing(1000, Executors.newSingleThreadExecutor()), TestLimits.defaults(),
                Clock.systemUTC());
    }

    @Test
    void registersAndAuthenticatesInAnyCase() {
        assertThat(accounts.register("Alice", "s3cretpass").name()).isEqualTo("Alice");
        assertThat(accounts.authenticate("aLiCe", "s3cretpass").name()).isEqualTo("Alice");
    }

    @Test
    void refusesNamesOutsideTheRule() {
        for (String name : new String[] {"bad!", "", "a".repeat(33), "caf\u00e9", "a b"}) {
            assertRejected(() -> accounts.register(name, "s3cretpass"), ErrorCode.INVALID_USERNAME);
        }
        assertThat(accounts.register("a".repeat(32), "s3cretpass")).isNotNull();
        assertThat(accounts.register("A_b.c-9", "s3cretpass")).isNotNull();
    }

    @Test
    void refusesPasswordsShorterThanTheMinimumOrLongerThan128() {
        assertRejected(() -> accounts.register("bob", "short12"), ErrorCode.INVALID_PASSWORD);
        assertRejected(() -> accounts.register("bob", "x".repeat(129)), ErrorCode.INVALID_PASSWORD);
        assertThat(accounts.register("bob", "x".repeat(128))).isNotNull();
    }

    @Test
    void refusesATakenNameInAnyCase() {
        accounts.register("carol", "s3cretpass");
        assertRejected(() -> accounts.register("CAROL", "0therpass"), ErrorCode.USERNAME_TAKEN);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        accounts.register("dave", "s3cretpass");
        RequestRejected unknown = catchRejection(() -> accounts.authenticate("nobody", "s3cretpass"));
        RequestRejected wrong = catchRejection(() -> accounts.authenticate("dave", "wrongpass"));
        assertThat(unknown.code()).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        assertThat(wrong.toReply()).isEqualTo(unknown.toReply());
    }

    private static void assertRejected(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RequestRejected.class, r -> assertThat(r.code()).isEqualTo(code));
    }

    private static RequestRejected catchRejection(ThrowingCallable call) {
        try {
            call.call();
        } catch (RequestRejected rejected) {
            return rejected;
        } catch (Throwable other) {
            throw new AssertionError(other);
        }
        throw new AssertionError("not rejected");
    }
}
