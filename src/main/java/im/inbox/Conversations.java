package im.inbox;

import im.auth.UserNames;

/** The key that HISTORY reads a conversation by: the room's key, or the two users' keys, sorted. */
public final class Conversations {

    private Conversations() {
    }

    public static String direct(String user, String other) {
        String a = UserNames.key(user);
        String b = UserNames.key(other);
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }

    /** {@code roomKey} is the room's name in lower case, with its {@code #}. */
    public static String room(String roomKey) {
        return roomKey;
    }
}
