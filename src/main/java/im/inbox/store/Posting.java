package im.inbox.store;

import java.util.List;

/** What the store keeps of a message being posted, besides who sent it and when. */
public interface Posting {

    /** A private message (its inboxes follow from the two users), or one to a room. */
    boolean direct();

    String conversation();

    /** The recipient's name as registered, or the room's as made. */
    String recipient();

    String text();

    /** The keys of the users whose inboxes get the message. */
    List<String> inboxKeys();
}
