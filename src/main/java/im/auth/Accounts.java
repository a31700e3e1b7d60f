package im.auth;

import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.system.LimitsProperties;
import im.system.RateByKey;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration, login and password changes: the rules of PROTOCOL.md over the store, the
 * hasher and the throttles. Every method that checks a password goes through the login
 * throttle, and costs one hash whether or not the user exists.
 */
public class Accounts {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private final AccountStore store;
    private final PasswordHashing hashing;
    private final LoginThrottle loginThrottle;
    private final RateByKey registrations;
    private final int minPasswordLength;
    private final Clock clock;
    /** Checked when the user is unknown, so that a wrong name costs as long as a wrong password. */
    private final String decoyHash;

    public Accounts(AccountStore store, PasswordHashing hashing, LoginThrottle loginThrottle,
            RateByKey registrations, LimitsProperties limits, Clock clock) {
        this.store = store;
        this.hashing = hashing;
        this.loginThrottle = loginThrottle;
        this.registrations = registrations;
        this.minPasswordLength = limits.minPasswordLength();
        this.clock = clock;
        this.decoyHash = hashing.hash("decoy-password-never-used");
    }

    /** Registers a name from a remote address (null: not rate limited, for tools and tests). */
    public Account register(String name, String password, String fromAddress) {
        if (!UserNames.isValid(name)) {
            throw new RequestRejected(ErrorCode.INVALID_USERNAME, UserNames.RULE);
        }
        requireValidPassword(password);
        if (store.exists(name)) {
            throw taken(name);
        }
        long retryAfter = fromAddress == null ? 0 : registrations.tryTake(fromAddress);
        if (retryAfter > 0) {
            throw new RequestRejected(ErrorCode.RATE_LIMITED, "retry after " + retryAfter);
        }
        Account account = new Account(name, hashing.hash(password), Instant.now(clock));
        if (!stored(() -> store.add(account))) {
            throw taken(name);
        }
        return account;
    }

    /**
     * The account for a name (any case) and its password, or BAD_CREDENTIALS either way;
     * RATE_LIMITED while the throttle says wait. Upgrades a weaker stored hash on success.
     */
    public Account authenticate(String name, String password, String fromAddress) {
        Account account = verify(name, password, fromAddress);
        if (hashing.needsUpgrade(account.passwordHash())) {
            account = upgrade(account, password);
        }
        return account;
    }

    /** Replaces the password of a user after checking the old one like a login. */
    public void changePassword(String name, String oldPassword, String newPassword, String fromAddress) {
        Account account = verify(name, oldPassword, fromAddress);
        requireValidPassword(newPassword);
        Account changed = new Account(account.name(), hashing.hash(newPassword), account.created());
        stored(() -> {
            store.update(changed);
            return true;
        });
    }

    /** The account registered under this name in any case, if any. */
    public Optional<Account> find(String name) {
        return store.find(name);
    }

    private Account verify(String name, String password, String fromAddress) {
        loginThrottle.check(name, fromAddress);
        Account account = store.find(name).orElse(null);
        boolean matches = hashing.matches(password, account == null ? decoyHash : account.passwordHash());
        if (account == null || !matches) {
            loginThrottle.failed(name, fromAddress);
            throw new RequestRejected(ErrorCode.BAD_CREDENTIALS, "wrong user name or password");
        }
        loginThrottle.succeeded(name, fromAddress);
        return account;
    }

    private Account upgrade(Account account, String password) {
        Account upgraded = new Account(account.name(), hashing.hash(password), account.created());
        try {
            store.update(upgraded);
            return upgraded;
        } catch (UncheckedIOException e) {
            log.warn("Could not store the upgraded password hash of {}; trying again at the next login: {}",
                    account.name(), e.getMessage());
            return account;
        }
    }

    private void requireValidPassword(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < minPasswordLength || length > LimitsProperties.MAX_PASSWORD_LENGTH) {
            throw new RequestRejected(ErrorCode.INVALID_PASSWORD, "passwords are one word of "
                    + minPasswordLength + " to " + LimitsProperties.MAX_PASSWORD_LENGTH + " characters");
        }
    }

    private static boolean stored(java.util.function.BooleanSupplier write) {
        try {
            return write.getAsBoolean();
        } catch (UncheckedIOException e) {
            log.error("The users file cannot be written: {}", e.getMessage());
            throw new RequestRejected(ErrorCode.STORE_UNAVAILABLE,
                    "the account store cannot be written now; logins and messages still work");
        }
    }

    private static RequestRejected taken(String name) {
        return new RequestRejected(ErrorCode.USERNAME_TAKEN, name + " is already registered");
    }
}
