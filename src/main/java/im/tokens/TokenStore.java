package im.tokens;

import java.util.List;
import java.util.Optional;

/** Where token hashes are kept: the database beside rooms and cursors (schema: db/migration). */
public interface TokenStore {

    /** A stored token, without the token itself. */
    record StoredToken(String userName, String device, long issuedMillis, long expiresMillis) {
    }

    /** Stores a new token's hash, and drops the user's oldest beyond {@code keepPerUser}. */
    void add(String tokenHash, String userKey, StoredToken token, int keepPerUser);

    Optional<StoredToken> find(String tokenHash);

    /** The user's tokens that have not expired at {@code nowMillis}, oldest first. */
    List<StoredToken> of(String userKey, long nowMillis);

    void revokeDevice(String userKey, String device);

    void revokeAll(String userKey);

    /** Forgets tokens that expired before {@code nowMillis}. */
    void removeExpired(long nowMillis);
}
