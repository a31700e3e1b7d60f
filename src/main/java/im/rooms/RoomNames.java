package im.rooms;

import java.util.Locale;
import java.util.regex.Pattern;

/** The room name rule: {@code #} then 1 to 32 of {@code A-Z a-z 0-9 _ . -}, unique ignoring case. */
public final class RoomNames {

    public static final String RULE = "room names are # and 1 to 32 characters of A-Z a-z 0-9 _ . -";

    private static final Pattern VALID = Pattern.compile("#[A-Za-z0-9_.-]{1,32}");

    private RoomNames() {
    }

    public static boolean isRoom(String target) {
        return target.startsWith("#");
    }

    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
