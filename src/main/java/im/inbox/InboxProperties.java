package im.inbox;

import im.settings.SettingChecks;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How long messages are kept, how many wait for one user, and where they are kept
 * ({@code im.inbox.*}).
 *
 * @param store {@code files} (the messages in append-only files of {@code folder}),
 *     {@code database} (in the database's {@code message_batch} table), or {@code auto}: files
 *     beside a SQLite database, the database itself otherwise (PostgreSQL)
 * @param folder where the files go; by default the folder {@code inbox} beside the SQLite file
 * @param segmentSize about how large a file grows before the next one starts; files are deleted whole
 * @param syncEvery how often the files are synced to disk (a killed server loses nothing it
 *     acknowledged; a power cut, what came in since the last sync)
 * @param quotaPerUserPerDay the bytes of messages one user may store per day (UTC), counting
 *     about 100 bytes per message besides its text; 0 for no quota (nor with
 *     {@code im.throttle.enabled=false})
 * @param firstLoginReplay how far back a device's first login replays (what no other device of
 *     the user has acknowledged); older messages are in HISTORY
 * @param maxMessageChars the longest {@code SEND} text, in Unicode characters (and in bytes at
 *     most {@code im.connection.max-line-bytes} less a {@code MSG} line's overhead)
 */
@ConfigurationProperties(prefix = "im.inbox", ignoreUnknownFields = false)
public record InboxProperties(
        @DefaultValue("30d") Duration retention,
        @DefaultValue("10000") int maxPerUser,
        @DefaultValue("1m") Duration pruneEvery,
        @DefaultValue("auto") Store store,
        Path folder,
        @DefaultValue("64MB") DataSize segmentSize,
        @DefaultValue("1s") Duration syncEvery,
        @DefaultValue("20MB") DataSize quotaPerUserPerDay,
        @DefaultValue("7d") Duration firstLoginReplay,
        @DefaultValue("2000") int maxMessageChars) {

    /** Where the batches of messages are kept. */
    public enum Store { AUTO, FILES, DATABASE }

    public InboxProperties {
        SettingChecks.require(retention.toMinutes() >= 1, "im.inbox.retention", "must be at least 1m", retention);
        SettingChecks.requireRange(maxPerUser, 1, 10_000_000, "im.inbox.max-per-user");
        SettingChecks.requireRange(maxMessageChars, 1, 1 << 20, "im.inbox.max-message-chars");
        SettingChecks.require(pruneEvery.toMillis() >= 100, "im.inbox.prune-every", "must be at least 100ms", pruneEvery);
        SettingChecks.require(segmentSize.toBytes() >= 4096, "im.inbox.segment-size", "must be at least 4KB", segmentSize);
        SettingChecks.require(!firstLoginReplay.isNegative(), "im.inbox.first-login-replay", "must not be negative",
                firstLoginReplay);
        SettingChecks.require(!quotaPerUserPerDay.isNegative(), "im.inbox.quota-per-user-per-day", "must not be negative",
                quotaPerUserPerDay);
        SettingChecks.require(syncEvery.toMillis() >= 10, "im.inbox.sync-every", "must be at least 10ms", syncEvery);
    }

    /**
     * The folder of the batch files, or null to keep the batches in the database.
     *
     * @param sqliteFile the database's file if it is SQLite on a file, else null
     */
    Path batchFolder(Path sqliteFile) {
        Path beside = sqliteFile == null ? null : sqliteFile.resolveSibling("inbox");
        return switch (store) {
            case DATABASE -> null;
            case FILES -> folder != null ? folder : beside != null ? beside : Path.of("data", "inbox");
            case AUTO -> folder != null ? folder : beside;
        };
    }
}
