package im.auth;

import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.system.LimitsProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Registration and password checks: the rules of PROTOCOL.md over the store and the hasher. */
public class Accounts {

    private final AccountStore store;
    private final PasswordHashing hashing;
    private final int minPasswordLength;
    private final Clock clock;
    /** Checked when the user is unknown, so that a wrong name costs as long as a wrong password. */
    private final String decoyHash;

    public Accounts(AccountStore store, PasswordHashing hashing, LimitsProperties limits, Clock clock) {
        this.store = store;
        this.hashing = hashing;
        this.minPasswordLength = limits.minPasswordLength();
        this.clock = clock;
        this.decoyHash = hashing.hash("decoy-password-never-used");
    }

    public Account register(String name, String password) {
        if (!UserNames.isValid(name)) {
            throw new RequestRejected(ErrorCode.INVALID_USERNAME, UserNames.RULE);
        }
        int length = password.codePointCount(0, password.length());
        if (length < minPasswordLength || length > LimitsProperties.MAX_PASSWORD_LENGTH) {
            throw new RequestRejected(ErrorCode.INVALID_PASSWORD, "passwords are one word of "
                    + minPasswordLength + " to " + LimitsProperties.MAX_PASSWORD_LENGTH + " characters");
        }
        if (store.exists(name)) {
            throw taken(name);
        }
        Account account = new Account(name, hashing.hash(password), Instant.now(clock));
        if (!store.add(account)) {
            throw taken(name);
        }
        return account;
    }

    /** The account for a name (any case) and its password, or BAD_CREDENTIALS either way. */
    public Account authenticate(String name, String password) {
        Account account = store.find(name).orElse(null);
        boolean matches = hashing.matches(password, account == null ? decoyHash : account.passwordHash());
        if (account == null || !matches) {
            throw new RequestRejected(ErrorCode.BAD_CREDENTIALS, "wrong user name or password");
        }
        return account;
    }

    /** The account registered under this name in any case, if any. */
    public Optional<Account> find(String name) {
        return store.find(name);
    }

    private static RequestRejected taken(String name) {
        return new RequestRejected(ErrorCode.USERNAME_TAKEN, name + " is already registered");
    }
}
