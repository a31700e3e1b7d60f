package im.auth;

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
     * The key under which a name is unique: {@code Alice} and {@code alice} are one user. Only
     * ASCII letters are folded, so that a look-alike outside the rule (the Kelvin sign for
     * {@code K}) never becomes a valid name's key. A name that is its own key (most are) comes
     * back as it is after one scan, since this runs several times for every message.
     */
    public static String key(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return lowerAscii(name);
            }
        }
        return name;
    }

    private static String lowerAscii(String name) {
        char[] chars = name.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] += 'a' - 'A';
            }
        }
        return new String(chars);
    }
}
