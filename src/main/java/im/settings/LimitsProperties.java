package im.settings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Protocol and resource limits ({@code im.limits.*}), shared by transport, auth, presence and delivery. */
@ConfigurationProperties(prefix = "im.limits", ignoreUnknownFields = false)
public record LimitsProperties(
        @DefaultValue("4096") int maxLineBytes,
        @DefaultValue("1MB") DataSize maxOutboundBytes,
        @DefaultValue("4m") Duration pingAfter,
        @DefaultValue("1m") Duration idleTimeout,
        @DefaultValue("2000") int maxMessageChars,
        @DefaultValue("8") int maxSessionsPerUser,
        @DefaultValue("8") int minPasswordLength) {

    public static final int MAX_PASSWORD_LENGTH = 128;

    public LimitsProperties {
        SettingChecks.requireRange(maxLineBytes, 256, 1 << 20, "im.limits.max-line-bytes");
        SettingChecks.requireRange(maxOutboundBytes.toBytes(), 4096, 1L << 30, "im.limits.max-outbound-bytes");
        SettingChecks.require(pingAfter.toMillis() >= 100, "im.limits.ping-after", "must be at least 100ms", pingAfter);
        SettingChecks.require(idleTimeout.toMillis() >= 100, "im.limits.idle-timeout", "must be at least 100ms",
                idleTimeout);
        SettingChecks.requireRange(maxMessageChars, 1, maxLineBytes, "im.limits.max-message-chars");
        SettingChecks.requireRange(maxSessionsPerUser, 1, 1000, "im.limits.max-sessions-per-user");
        SettingChecks.requireRange(minPasswordLength, 1, MAX_PASSWORD_LENGTH, "im.limits.min-password-length");
    }
}
