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

    /**
     * The key under which a name is unique: {@code Alice} and {@code alice} are one user. A
     * name that is its own key (most are) comes back as it is, after one scan for an upper-case
     * ASCII letter: this runs several times for every message, and {@code toLowerCase} showed in
     * the sender's profile.
     */
    public static String key(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 127) {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }
}
