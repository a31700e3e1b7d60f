package im.auth;

import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.throttle.RateByKey;
import im.throttle.ThrottleProperties;
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
    private final HashingAdmission admission;
    private final int minPasswordLength;
    private final Clock clock;
    /** Checked when the user is unknown, so that a wrong name costs as long as a wrong password. */
    private final String decoyHash;

    public Accounts(AccountStore store, PasswordHashing hashing, LoginThrottle loginThrottle,
            RateByKey registrations, ThrottleProperties throttle, AuthProperties auth, Clock clock) {
        this.admission = new HashingAdmission(throttle);
        this.store = store;
        this.hashing = hashing;
        this.loginThrottle = loginThrottle;
        this.registrations = registrations;
        this.minPasswordLength = auth.minPasswordLength();
        this.clock = clock;
        this.decoyHash = hashing.hash("decoy-password-never-used");
    }

    /** Registers a name from a remote address (null: not rate limited, for tools and tests). */
    public Account register(String name, String password, String fromAddress) {
        if (!UserNames.isValid(name)) {
            throw new RequestRejected(ErrorCode.INVALID_USERNAME, UserNames.RULE);
        }
        requireValidPassword(password);
        if (fromAddress != null) {
            loginThrottle.checkAddress(fromAddress);
        }
        if (store.exists(name)) {
            if (fromAddress != null) {
                // Probing which names exist costs like guessing passwords.
                loginThrottle.failedAt(fromAddress);
            }
            throw taken(name);
        }
        long retryAfter = fromAddress == null ? 0 : registrations.tryTake(fromAddress);
        if (retryAfter > 0) {
            throw new RequestRejected(ErrorCode.RATE_LIMITED, "retry after " + retryAfter);
        }
        Account account = new Account(name, hashed(password, fromAddress), Instant.now(clock));
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
        requireValidPassword(newPassword);
        Account account = verify(name, oldPassword, fromAddress);
        Account changed = new Account(account.name(), hashed(newPassword, fromAddress), account.created());
        stored(() -> {
            store.update(changed);
            return true;
        });
    }

    /**
     * The account a resumable token names, under the address's login throttle: RATE_LIMITED while
     * the address must wait; a token that names no account (or none at all: {@code name} null)
     * counts as a failed login of the address and answers BAD_CREDENTIALS.
     */
    public Account resume(String name, String fromAddress) {
        loginThrottle.checkAddress(fromAddress);
        Account account = name == null ? null : store.find(name).orElse(null);
        if (account == null) {
            loginThrottle.failedAt(fromAddress);
            throw new RequestRejected(ErrorCode.BAD_CREDENTIALS, "unknown, expired or revoked token: log in again");
        }
        return account;
    }

    /** The name as registered of the account of this name in any case, if any (never blocks on one node). */
    public Optional<String> registeredName(String name) {
        return store.registeredName(name);
    }

    /** The account registered under this name in any case, if any. */
    public Optional<Account> find(String name) {
        return store.find(name);
    }

    private Account verify(String name, String password, String fromAddress) {
        requireUtf8(password);
        admission.enter(fromAddress);
        try {
            loginThrottle.begin(name, fromAddress);
            Account account = store.find(name).orElse(null);
            boolean matches = hashing.matches(password, account == null ? decoyHash : account.passwordHash());
            if (account == null || !matches) {
                if (account != null && hashing.needsUpgrade(account.passwordHash())) {
                    // A weaker stored hash answers sooner: pay the current cost too, so that timing tells nothing.
                    hashing.matches(password, decoyHash);
                }
                throw new RequestRejected(ErrorCode.BAD_CREDENTIALS, "wrong user name or password");
            }
            loginThrottle.succeeded(name, fromAddress);
            return account;
        } finally {
            admission.leave(fromAddress);
        }
    }

    private String hashed(String password, String fromAddress) {
        admission.enter(fromAddress);
        try {
            return hashing.hash(password);
        } finally {
            admission.leave(fromAddress);
        }
    }

    /**
     * Bytes that are not UTF-8 reach us as U+FFFD, so that different passwords would match one
     * another: refused wherever a password is given.
     */
    private static void requireUtf8(String password) {
        if (password.indexOf('\uFFFD') >= 0) {
            throw new RequestRejected(ErrorCode.INVALID_PASSWORD, "passwords must be valid UTF-8");
        }
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
        requireUtf8(password);
        int length = password.codePointCount(0, password.length());
        if (length < minPasswordLength || length > AuthProperties.MAX_PASSWORD_LENGTH) {
            throw new RequestRejected(ErrorCode.INVALID_PASSWORD, "passwords are one word of "
                    + minPasswordLength + " to " + AuthProperties.MAX_PASSWORD_LENGTH + " characters");
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
