package im.testing;

import im.auth.UsersFileAccountStore;
import im.auth.Accounts;
import im.auth.LoginThrottle;
import im.auth.PasswordHashing;
import im.throttle.RateByKey;
import im.throttle.ThrottleProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;

/** Accounts over a real users file in a test folder, with the default throttles and cheap hashing. */
public final class TestAccounts {

    private TestAccounts() {
    }

    public static Accounts in(Path dir) {
        return in(dir, TestLimits.throttle(), new PasswordHashing(1000, Executors.newSingleThreadExecutor()));
    }

    public static Accounts in(Path dir, ThrottleProperties throttle, PasswordHashing hashing) {
        return new Accounts(new UsersFileAccountStore(dir.resolve("users.txt")), hashing,
                new LoginThrottle(throttle, System::nanoTime),
                new RateByKey(throttle.registrationsPerAddress(), 1, throttle::isExempt, System::nanoTime),
                throttle, TestLimits.auth(), Clock.systemUTC());
    }
}
