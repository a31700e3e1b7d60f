package im.inbox;

import im.system.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long messages are kept, and how many wait for one user ({@code im.inbox.*}). */
@ConfigurationProperties(prefix = "im.inbox", ignoreUnknownFields = false)
public record InboxProperties(
        @DefaultValue("30d") Duration retention,
        @DefaultValue("10000") int maxPerUser,
        @DefaultValue("1m") Duration pruneEvery) {

    public InboxProperties {
        Settings.require(retention.toMinutes() >= 1, "im.inbox.retention", "must be at least 1m", retention);
        Settings.requireRange(maxPerUser, 1, 10_000_000, "im.inbox.max-per-user");
        Settings.require(pruneEvery.toMillis() >= 100, "im.inbox.prune-every", "must be at least 100ms", pruneEvery);
    }
}
