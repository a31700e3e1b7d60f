package im.inbox.store;

import im.auth.UserNames;
import java.util.List;

/** The key that HISTORY reads a conversation by: a room's, or the two users' keys, sorted. */
public final class Conversations {

    private Conversations() {
    }

    public static String direct(String user, String other) {
        return directOfKeys(UserNames.key(user), UserNames.key(other));
    }

    /** The same, of two users' keys: what a SEND has at hand already. */
    public static String directOfKeys(String a, String b) {
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }

    /** The inboxes of a private message: the recipient's and the sender's, or one for a message to oneself. */
    public static List<String> directInboxes(String senderKey, String recipientKey) {
        return recipientKey.equals(senderKey) ? List.of(senderKey) : List.of(recipientKey, senderKey);
    }

    /**
     * A room's conversation: its key (the name in lower case, with its {@code #}) and when it
     * was made, so that a room made again under an old name does not show the old one's messages.
     */
    public static String room(String roomKey, long createdMillis) {
        return roomKey + "@" + createdMillis;
    }
}
