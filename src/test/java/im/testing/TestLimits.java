package im.testing;

import im.auth.AuthProperties;
import im.inbox.InboxProperties;
import im.presence.PresenceProperties;
import im.session.ConnectionProperties;
import im.throttle.ThrottleProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Configuration records with their defaults (and any overrides), as service tests need them without Spring. */
public final class TestLimits {

    private TestLimits() {
    }

    public static ConnectionProperties connection() {
        return bind("im.connection", ConnectionProperties.class, Map.of());
    }

    public static PresenceProperties presence() {
        return withSessionsPerUser(8);
    }

    public static PresenceProperties withSessionsPerUser(int sessions) {
        return bind("im.presence", PresenceProperties.class,
                Map.of("im.presence.max-sessions-per-user", String.valueOf(sessions)));
    }

    public static AuthProperties auth() {
        return bind("im.auth", AuthProperties.class, Map.of());
    }

    public static InboxProperties inbox() {
        return bind("im.inbox", InboxProperties.class, Map.of());
    }

    public static ThrottleProperties throttle() {
        return throttle(Map.of());
    }

    public static ThrottleProperties throttle(Map<String, String> settings) {
        return bind("im.throttle", ThrottleProperties.class, settings);
    }

    private static <T> T bind(String prefix, Class<T> type, Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(prefix, type);
    }
}
