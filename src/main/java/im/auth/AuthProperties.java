package im.auth;

import im.settings.SettingChecks;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password hashing ({@code im.auth.*}). The iteration count is written into each stored hash,
 * so raising it later leaves old hashes readable. {@code hash-on-idle-cpu} runs the hashing
 * threads in Linux's {@code SCHED_IDLE} class, so that they take only CPU time that message
 * delivery leaves free; under full load logins then wait longer (docs/PERFORMANCE.md).
 * {@code token-ttl} is how long a resumable token ({@code TOKEN}, {@code RESUME}) stays good;
 * {@code min-password-length}, the shortest password at {@code REGISTER} and {@code PASSWD}.
 */
@ConfigurationProperties(prefix = "im.auth", ignoreUnknownFields = false)
public record AuthProperties(
        @DefaultValue("310000") int pbkdf2Iterations,
        @DefaultValue("0") int hashingThreads,
        @DefaultValue("true") boolean hashOnIdleCpu,
        @DefaultValue("30d") Duration tokenTtl,
        @DefaultValue("8") int minPasswordLength) {

    public static final int MAX_PASSWORD_LENGTH = 128;

    public AuthProperties {
        SettingChecks.requireRange(pbkdf2Iterations, 1000, 10_000_000, "im.auth.pbkdf2-iterations");
        SettingChecks.requireRange(hashingThreads, 0, 256, "im.auth.hashing-threads");
        SettingChecks.requireRange(minPasswordLength, 1, MAX_PASSWORD_LENGTH, "im.auth.min-password-length");
        if (tokenTtl.compareTo(Duration.ofSeconds(1)) < 0 || tokenTtl.compareTo(Duration.ofDays(3650)) > 0) {
            throw new IllegalArgumentException("im.auth.token-ttl must be between 1s and 3650d, not " + tokenTtl);
        }
    }

    /**
     * Threads that may hash at once: the configured number, or when 0 half the cores (at least
     * one), so that a storm of logins leaves the other half to message delivery.
     */
    public int effectiveHashingThreads() {
        return hashingThreads > 0 ? hashingThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
