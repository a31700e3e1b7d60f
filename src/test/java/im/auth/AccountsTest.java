package im.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.testing.TestAccounts;
import im.testing.TestLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
        accounts = TestAccounts.in(dir);
    }

    @Test
    void registersAndAuthenticatesInAnyCase() {
        assertThat(accounts.register("Alice", "s3cretpass", "10.0.0.1").name()).isEqualTo("Alice");
        assertThat(accounts.authenticate("aLiCe", "s3cretpass", "10.0.0.1").name()).isEqualTo("Alice");
    }

    @Test
    void aWrongPasswordAgainstAnOlderCheaperHashCostsTheCurrentHashToo() throws Exception {
        Files.writeString(dir.resolve("users.txt"), "old " + new PasswordHashing(1000, Executors.newSingleThreadExecutor())
                .hash("s3cretpass") + " 2026-01-01T00:00:00Z\n");
        AtomicInteger hashes = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            public void execute(Runnable hash) {
                hashes.incrementAndGet();
                super.execute(hash);
            }
        };
        Accounts withCounting = TestAccounts.in(dir, TestLimits.throttle(), new PasswordHashing(2000, pool));
        int before = hashes.get();
        assertRejected(() -> withCounting.authenticate("old", "wrongpass1", "10.0.0.1"), ErrorCode.BAD_CREDENTIALS);
        assertThat(hashes.get() - before).as("the stored hash, then the current cost").isEqualTo(2);

        withCounting.authenticate("old", "s3cretpass", "10.0.0.1");
        assertThat(Files.readString(dir.resolve("users.txt"))).as("upgraded").contains("{pbkdf2-sha256:2000}");
        pool.shutdown();
    }

    @Test
    void refusesNamesOutsideTheRule() {
        for (String name : new String[] {"bad!", "", "a".repeat(33), "caf\u00e9", "a b"}) {
            assertRejected(() -> accounts.register(name, "s3cretpass", "10.0.0.1"), ErrorCode.INVALID_USERNAME);
        }
        assertThat(accounts.register("a".repeat(32), "s3cretpass", "10.0.0.1")).isNotNull();
        assertThat(accounts.register("A_b.c-9", "s3cretpass", "10.0.0.1")).isNotNull();
    }

    @Test
    void refusesPasswordsShorterThanTheMinimumOrLongerThan128() {
        assertRejected(() -> accounts.register("bob", "short12", "10.0.0.1"), ErrorCode.INVALID_PASSWORD);
        assertRejected(() -> accounts.register("bob", "x".repeat(129), "10.0.0.1"), ErrorCode.INVALID_PASSWORD);
        assertThat(accounts.register("bob", "x".repeat(128), "10.0.0.1")).isNotNull();
    }

    @Test
    void refusesATakenNameInAnyCase() {
        accounts.register("carol", "s3cretpass", "10.0.0.1");
        assertRejected(() -> accounts.register("CAROL", "0therpass", "10.0.0.1"), ErrorCode.USERNAME_TAKEN);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        accounts.register("dave", "s3cretpass", "10.0.0.1");
        RequestRejected unknown = catchRejection(() -> accounts.authenticate("nobody", "s3cretpass", "10.0.0.1"));
        RequestRejected wrong = catchRejection(() -> accounts.authenticate("dave", "wrongpass", "10.0.0.1"));
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

    @Test
    void aWeakerStoredHashIsUpgradedAtTheNextLoginAndSurvivesARestart() throws Exception {
        accounts.register("kim", "s3cretpass", "10.0.0.1");
        Accounts stronger = TestAccounts.in(dir, TestLimits.throttle(),
                new PasswordHashing(2000, Executors.newSingleThreadExecutor()));
        assertThat(stronger.find("kim")).map(Account::passwordHash).hasValueSatisfying(
                hash -> assertThat(hash).startsWith("{pbkdf2-sha256:1000}"));
        stronger.authenticate("kim", "s3cretpass", "10.0.0.1");
        Accounts reopened = TestAccounts.in(dir, TestLimits.throttle(),
                new PasswordHashing(2000, Executors.newSingleThreadExecutor()));
        assertThat(reopened.find("kim")).map(Account::passwordHash).hasValueSatisfying(
                hash -> assertThat(hash).startsWith("{pbkdf2-sha256:2000}"));
        assertThat(reopened.authenticate("kim", "s3cretpass", "10.0.0.1").name()).isEqualTo("kim");
    }
}
