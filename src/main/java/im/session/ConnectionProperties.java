package im.session;

import im.settings.SettingChecks;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of one connection, on every transport ({@code im.connection.*}).
 *
 * @param maxLineBytes the longest line in bytes either way, without its line break
 * @param maxOutboundBytes the lines queued for one client; past it the connection is closed
 * @param pingAfter how long a silent connection waits for a keep-alive {@code PING}
 * @param idleTimeout how long it may then stay silent before it is closed
 */
@ConfigurationProperties(prefix = "im.connection", ignoreUnknownFields = false)
public record ConnectionProperties(
        @DefaultValue("4096") int maxLineBytes,
        @DefaultValue("1MB") DataSize maxOutboundBytes,
        @DefaultValue("4m") Duration pingAfter,
        @DefaultValue("1m") Duration idleTimeout) {

    public ConnectionProperties {
        SettingChecks.requireRange(maxLineBytes, 256, 1 << 20, "im.connection.max-line-bytes");
        SettingChecks.requireRange(maxOutboundBytes.toBytes(), 4096, 1L << 30, "im.connection.max-outbound-bytes");
        SettingChecks.require(pingAfter.toMillis() >= 100, "im.connection.ping-after", "must be at least 100ms",
                pingAfter);
        SettingChecks.require(idleTimeout.toMillis() >= 100, "im.connection.idle-timeout", "must be at least 100ms",
                idleTimeout);
    }
}
