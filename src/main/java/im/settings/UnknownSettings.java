package im.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.stereotype.Component;

/**
 * Refuses {@code im.*} settings that belong to no settings group, on the command line or in a
 * configuration file: a misspelt group ({@code --im.limit.max-line-bytes}) would otherwise be
 * ignored in silence. Keys inside a group are checked by the group's record itself. The
 * environment's variables are not checked: other programs' {@code IM_*} variables may be there.
 */
@Component
class UnknownSettings {

    UnknownSettings(ConfigurableEnvironment environment, ListableBeanFactory beans) {
        Set<String> groups = new TreeSet<>();
        for (String name : beans.getBeanNamesForAnnotation(ConfigurationProperties.class)) {
            ConfigurationProperties settings = beans.findAnnotationOnBean(name, ConfigurationProperties.class);
            String prefix = settings == null ? "" : settings.prefix().isEmpty() ? settings.value() : settings.prefix();
            if (prefix.startsWith("im.")) {
                groups.add(prefix);
            }
        }
        List<String> unknown = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable && !isEnvironmentOrJvm(source)) {
                for (String key : enumerable.getPropertyNames()) {
                    if (key.startsWith("im.") && !MovedSettings.isOldKey(key)
                            && groups.stream().noneMatch(group -> belongsTo(key, group))) {
                        unknown.add(key + " (in " + source.getName() + ")");
                    }
                }
            }
        }
        SettingChecks.require(unknown.isEmpty(), String.join(", ", unknown), "is no setting; the settings groups are "
                + String.join(", ", groups) + " (config/application.yml lists every setting)", "unknown");
    }

    private static boolean belongsTo(String key, String group) {
        return ConfigurationPropertyName.of(group).isAncestorOf(ConfigurationPropertyName.adapt(key, '.'));
    }

    private static boolean isEnvironmentOrJvm(PropertySource<?> source) {
        return source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                || source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    }
}
