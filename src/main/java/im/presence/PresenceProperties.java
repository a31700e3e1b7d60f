package im.presence;

import im.settings.SettingChecks;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may be online how often ({@code im.presence.*}).
 *
 * @param maxSessionsPerUser logged-in connections one user may have at once; one more ends the oldest
 */
@ConfigurationProperties(prefix = "im.presence", ignoreUnknownFields = false)
public record PresenceProperties(@DefaultValue("8") int maxSessionsPerUser) {

    public PresenceProperties {
        SettingChecks.requireRange(maxSessionsPerUser, 1, 1000, "im.presence.max-sessions-per-user");
    }
}
