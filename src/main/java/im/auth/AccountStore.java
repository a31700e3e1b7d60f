package im.auth;

import java.util.Optional;
import java.util.Set;

/**
 * Where accounts are kept: the users file on one node ({@link UsersFileAccountStore}), a table of
 * PostgreSQL in cluster mode ({@link JdbcAccountStore}). Both keep the same hash format.
 */
public interface AccountStore extends AutoCloseable {

    /** The account of a name in any case; none for a name that breaks the name rule. */
    Optional<Account> find(String name);

    /**
     * The name as registered of the account of a name in any case, if any; accounts are never
     * renamed or removed, so a store may keep what it found.
     */
    default Optional<String> registeredName(String name) {
        return find(name).map(Account::name);
    }

    /** Whether the name (in any case) is taken. */
    boolean exists(String name);

    /**
     * Stores a new account durably. Returns false, writing nothing, if the name (in any case)
     * is taken; of concurrent calls for one name, on any node, exactly one returns true.
     */
    boolean add(Account account);

    /** Stores a new password hash for an existing account durably. */
    void update(Account account);

    /** The keys of every account, for checking that the other stores hold no one else's data. */
    Set<String> keys();

    /** Names that nobody can register or log in as (lines of a users file that cannot be read). */
    default Set<String> reservedNames() {
        return Set.of();
    }

    @Override
    void close() throws Exception;
}
