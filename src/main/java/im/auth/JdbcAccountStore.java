package im.auth;

import com.github.benmanes.caffeine.cache.Caffeine;
import im.concurrent.MustNotBlock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Accounts in the {@code account} table of PostgreSQL (cluster mode), shared by every node. The
 * table's primary key on the name's key decides a registration race between nodes: exactly one
 * insert wins. Every look-up reads the table, so a password changed on one node counts on all
 * of them at once.
 */
public final class JdbcAccountStore implements AccountStore {

    private static final RowMapper<Account> ACCOUNT = (row, n) -> new Account(row.getString(1), row.getString(2),
            Instant.ofEpochMilli(row.getLong(3)));

    /** Names as registered, by key, as found: a direct message needs one, on an event loop. */
    private final Map<String, String> names = Caffeine.newBuilder().maximumSize(100_000)
            .<String, String>build().asMap();
    private final JdbcTemplate jdbc;

    public JdbcAccountStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** From memory when found before; else from the table, which is not for an event loop ({@link MustNotBlock}). */
    @Override
    public Optional<String> registeredName(String name) {
        if (!UserNames.isValid(name)) {
            return Optional.empty();
        }
        String known = names.get(UserNames.key(name));
        if (known != null) {
            return Optional.of(known);
        }
        MustNotBlock.beforeBlocking();
        Optional<String> found = find(name).map(Account::name);
        found.ifPresent(registered -> names.put(UserNames.key(registered), registered));
        return found;
    }

    @Override
    public Optional<Account> find(String name) {
        if (!UserNames.isValid(name)) {
            return Optional.empty();
        }
        List<Account> found = jdbc.query("select name, password_hash, created from account where user_key = ?",
                ACCOUNT, UserNames.key(name));
        return found.stream().findFirst();
    }

    @Override
    public boolean exists(String name) {
        return !jdbc.queryForList("select 1 from account where user_key = ?", Integer.class, UserNames.key(name))
                .isEmpty();
    }

    @Override
    public boolean add(Account account) {
        try {
            return jdbc.update("insert into account (user_key, name, password_hash, created) values (?, ?, ?, ?)"
                    + " on conflict (user_key) do nothing", UserNames.key(account.name()), account.name(),
                    account.passwordHash(), account.created().toEpochMilli()) == 1;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    @Override
    public void update(Account account) {
        int updated = jdbc.update("update account set password_hash = ? where user_key = ?", account.passwordHash(),
                UserNames.key(account.name()));
        if (updated == 0) {
            throw new IllegalArgumentException("No account " + account.name());
        }
    }

    @Override
    public Set<String> keys() {
        return new HashSet<>(jdbc.queryForList("select user_key from account", String.class));
    }

    /** The data source belongs to the application context, which closes it. */
    @Override
    public void close() {
    }
}
