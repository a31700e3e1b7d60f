package im.tokens;

import im.auth.UserNames;
import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.tokens.TokenStore.StoredToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resumable login tokens: 256 random bits, handed out once by {@code TOKEN}, kept here only as
 * their SHA-256, tied to a user and a device, good until {@code im.auth.token-ttl} after issue.
 * A browser keeps one instead of the password; {@code RESUME} logs in with it. A random token
 * needs no slow hash: nobody can guess 256 bits, so one fast hash keeps a stolen database useless.
 */
public class ResumeTokens {

    /** Tokens one user may hold at once (tabs, browsers, devices); one more drops the oldest. */
    public static final int MAX_PER_USER = 32;
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final TokenStore store;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ResumeTokens(TokenStore store, Duration ttl, Clock clock) {
        this.store = store;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A user and a device that a token logs in as. */
    public record Grant(String userName, String device, long expiresMillis) {
    }

    /** A new token for this user's device; the caller gets it once, the store keeps its hash. */
    public String issue(String userName, String device) {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        long now = clock.millis();
        try {
            store.removeExpired(now);
            store.add(hash(token), UserNames.key(userName), new StoredToken(userName, device, now, now + ttl.toMillis()),
                    MAX_PER_USER);
        } catch (RuntimeException refused) {
            // A full disk or a database gone: the session goes on, the client keeps asking for the password.
            throw new RequestRejected(ErrorCode.STORE_UNAVAILABLE, "tokens cannot be made now; log in with the password");
        }
        return token;
    }

    /** Who this token logs in as, if it is one we issued that has not expired or been revoked. */
    public Optional<Grant> redeem(String token) {
        if (!TOKEN_SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        long now = clock.millis();
        return store.find(hash(token)).filter(stored -> stored.expiresMillis() > now)
                .map(stored -> new Grant(stored.userName(), stored.device(), stored.expiresMillis()));
    }

    /** The user's live tokens, oldest first. */
    public List<Grant> of(String userName) {
        return store.of(UserNames.key(userName), clock.millis()).stream()
                .map(stored -> new Grant(stored.userName(), stored.device(), stored.expiresMillis())).toList();
    }

    /** Ends the tokens of one device (its LOGOUT). */
    public void revokeDevice(String userName, String device) {
        store.revokeDevice(UserNames.key(userName), device);
    }

    /** Ends every token of the user (a new password). */
    public void revokeAll(String userName) {
        store.revokeAll(UserNames.key(userName));
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
