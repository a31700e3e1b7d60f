package im.settings;

/** Checks for configuration records: a failed check stops startup naming the key. */
public final class SettingChecks {

    private SettingChecks() {
    }

    public static void require(boolean valid, String key, String rule, Object value) {
        if (!valid) {
            throw new IllegalArgumentException(key + " " + rule + " (was: " + value + ")");
        }
    }

    public static void requireRange(long value, long min, long max, String key) {
        require(value >= min && value <= max, key, "must be between " + min + " and " + max, value);
    }
}
