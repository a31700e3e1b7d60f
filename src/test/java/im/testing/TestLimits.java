package im.testing;

import im.inbox.InboxProperties;
import im.settings.LimitsProperties;
import im.throttle.ThrottleProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Configuration records with their defaults (and any overrides), as service tests need them without Spring. */
public final class TestLimits {

    private TestLimits() {
    }

    public static LimitsProperties defaults() {
        return limits(Map.of());
    }

    public static LimitsProperties withSessionsPerUser(int sessions) {
        return limits(Map.of("im.limits.max-sessions-per-user", String.valueOf(sessions)));
    }

    public static LimitsProperties limits(Map<String, String> settings) {
        return bind("im.limits", LimitsProperties.class, settings);
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
