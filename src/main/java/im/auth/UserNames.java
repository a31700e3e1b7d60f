package im.auth;

import java.util.Locale;
import java.util.regex.Pattern;

/** The user name rule: 1 to 32 of {@code A-Z a-z 0-9 _ . -}, unique ignoring case. */
public final class UserNames {

    public static final String RULE = "user names are 1 to 32 characters of A-Z a-z 0-9 _ . -";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    private UserNames() {
    }

    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    /** The key under which a name is unique: {@code Alice} and {@code alice} are one user. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
