package im.rooms;

import im.settings.SettingChecks;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many rooms there may be ({@code im.rooms.*}): in all, and per user (rooms a user is in,
 * so also the rooms one user can make and keep). A JOIN past either is {@code TOO_MANY_ROOMS}.
 */
@ConfigurationProperties(prefix = "im.rooms", ignoreUnknownFields = false)
public record RoomsProperties(
        @DefaultValue("10000") int maxRooms,
        @DefaultValue("100") int maxPerUser) {

    public RoomsProperties {
        SettingChecks.requireRange(maxRooms, 1, 10_000_000, "im.rooms.max-rooms");
        SettingChecks.requireRange(maxPerUser, 1, 1_000_000, "im.rooms.max-per-user");
    }
}
