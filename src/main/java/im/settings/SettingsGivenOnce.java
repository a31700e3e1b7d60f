package im.settings;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a setting given twice on the command line: Spring Boot would join the two values with
 * a comma and use that ({@code --im.users.file=a --im.users.file=b} as the path "a,b"). Keys are
 * compared as Spring Boot binds them: case, dashes and underscores aside.
 */
public final class SettingsGivenOnce {

    private SettingsGivenOnce() {
    }

    /** The message for the first key given twice, if any. */
    public static Optional<String> duplicate(String... args) {
        Map<String, String> seen = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || arg.indexOf('=') < 0) {
                continue;
            }
            String key = arg.substring(2, arg.indexOf('='));
            String canonical = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            String earlier = seen.putIfAbsent(canonical, arg);
            if (earlier != null) {
                return Optional.of(key + " is given twice (" + earlier + " and " + arg + "): give each setting once");
            }
        }
        return Optional.empty();
    }
}
