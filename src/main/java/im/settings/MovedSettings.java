package im.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Keeps the settings that moved to the group of the feature that uses them working under their
 * old keys, with a warning naming the new key. An old key counts where it is given: a new key in
 * the same place or one that overrides it wins, and the old key overrides places below it.
 * The configuration metadata marks the old keys deprecated, with their replacement.
 */
public final class MovedSettings implements EnvironmentPostProcessor, Ordered {

    /** Old key → new key. */
    static final Map<String, String> MOVED = Map.of(
            "im.limits.max-line-bytes", "im.connection.max-line-bytes",
            "im.limits.max-outbound-bytes", "im.connection.max-outbound-bytes",
            "im.limits.ping-after", "im.connection.ping-after",
            "im.limits.idle-timeout", "im.connection.idle-timeout",
            "im.limits.max-message-chars", "im.inbox.max-message-chars",
            "im.limits.max-sessions-per-user", "im.presence.max-sessions-per-user",
            "im.limits.min-password-length", "im.auth.min-password-length");

    private final Log log;

    public MovedSettings(DeferredLogFactory logs) {
        this.log = logs.getLog(MovedSettings.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // A snapshot: the loop adds sources.
        for (PropertySource<?> source : environment.getPropertySources().stream().toList()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue;
            }
            Map<String, Object> renamed = new LinkedHashMap<>();
            MOVED.forEach((oldKey, newKey) -> {
                Object value = source.getProperty(oldKey);
                if (value != null) {
                    renamed.put(newKey, value);
                    log.warn(oldKey + " (in " + source.getName() + ") is deprecated: it is " + newKey + " now");
                }
            });
            if (!renamed.isEmpty()) {
                environment.getPropertySources().addAfter(source.getName(),
                        new MapPropertySource("moved settings of " + source.getName(), renamed));
            }
        }
    }

    /** Whether {@code key} is the old key of a moved setting, as Spring Boot compares keys. */
    static boolean isOldKey(String key) {
        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
        return MOVED.keySet().stream().anyMatch(oldKey -> ConfigurationPropertyName.of(oldKey).equals(name));
    }

    @Override
    public int getOrder() {
        // After the configuration files are read.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
