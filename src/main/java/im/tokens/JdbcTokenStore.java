package im.tokens;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link TokenStore} over JDBC, in SQL that SQLite and PostgreSQL both run. */
public class JdbcTokenStore implements TokenStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcTokenStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void add(String tokenHash, String userKey, StoredToken token, int keepPerUser) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("insert into resume_token (token_hash, user_key, user_name, device, issued, expires)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(tokenHash, userKey, token.userName(), token.device(), token.issuedMillis(),
                            token.expiresMillis())
                    .update();
            List<String> newestFirst = jdbc.sql("select token_hash from resume_token where user_key = ?"
                            + " order by issued desc, token_hash").param(userKey).query(String.class).list();
            newestFirst.stream().skip(keepPerUser)
                    .forEach(hash -> jdbc.sql("delete from resume_token where token_hash = ?").param(hash).update());
        });
    }

    @Override
    public Optional<StoredToken> find(String tokenHash) {
        return jdbc.sql("select user_name, device, issued, expires from resume_token where token_hash = ?")
                .param(tokenHash)
                .query((row, n) -> new StoredToken(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4)))
                .optional();
    }

    @Override
    public List<StoredToken> of(String userKey, long nowMillis) {
        return jdbc.sql("select user_name, device, issued, expires from resume_token where user_key = ? and expires > ?"
                        + " order by issued, token_hash")
                .params(userKey, nowMillis)
                .query((row, n) -> new StoredToken(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4)))
                .list();
    }

    @Override
    public void revokeDevice(String userKey, String device) {
        jdbc.sql("delete from resume_token where user_key = ? and device = ?").params(userKey, device).update();
    }

    @Override
    public void revokeAll(String userKey) {
        jdbc.sql("delete from resume_token where user_key = ?").param(userKey).update();
    }

    @Override
    public void removeExpired(long nowMillis) {
        jdbc.sql("delete from resume_token where expires <= ?").param(nowMillis).update();
    }
}
