package im.auth;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm;

/**
 * Hashes and checks passwords with PBKDF2-HMAC-SHA256 (spring-security-crypto), stored as
 * {@code {pbkdf2-sha256:<iterations>}<hex salt+hash>}. PBKDF2 rather than BCrypt because BCrypt
 * refuses passwords over 72 bytes and ours may be 128 characters. Hashes of other algorithms
 * Spring knows ({@code {bcrypt}...}) are still accepted. Hashing runs on a small pool of its
 * own so that a storm of logins cannot take every core from message delivery.
 */
public final class PasswordHashing implements AutoCloseable {

    private static final String PREFIX = "{pbkdf2-sha256:";

    private final int iterations;
    private final ExecutorService pool;
    private final Map<Integer, PasswordEncoder> pbkdf2ByIterations = new ConcurrentHashMap<>();
    private final PasswordEncoder otherAlgorithms = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    public PasswordHashing(int iterations, ExecutorService pool) {
        this.iterations = iterations;
        this.pool = pool;
    }

    public String hash(String password) {
        return onPool(() -> PREFIX + iterations + "}" + pbkdf2(iterations).encode(password));
    }

    public boolean matches(String password, String storedHash) {
        return onPool(() -> {
            try {
                if (storedHash.startsWith(PREFIX)) {
                    int end = storedHash.indexOf('}');
                    int storedIterations = Integer.parseInt(storedHash.substring(PREFIX.length(), end));
                    return pbkdf2(storedIterations).matches(password, storedHash.substring(end + 1));
                }
                return otherAlgorithms.matches(password, storedHash);
            } catch (IllegalArgumentException | IndexOutOfBoundsException malformedOrUnknown) {
                return false;
            }
        });
    }

    /** Whether a stored hash is weaker than what we hash with now: another algorithm, or fewer rounds. */
    public boolean needsUpgrade(String storedHash) {
        if (!storedHash.startsWith(PREFIX)) {
            return true;
        }
        try {
            return Integer.parseInt(storedHash.substring(PREFIX.length(), storedHash.indexOf('}'))) < iterations;
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            return true;
        }
    }

    private PasswordEncoder pbkdf2(int rounds) {
        return pbkdf2ByIterations.computeIfAbsent(rounds,
                r -> new Pbkdf2PasswordEncoder("", 16, r, SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256));
    }

    private <T> T onPool(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, pool).join();
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
