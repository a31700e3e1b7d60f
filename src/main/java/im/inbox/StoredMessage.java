package im.inbox;

/**
 * One message as stored: its position, the conversation it belongs to, who sent it from which
 * device, and its {@code MSG} line exactly as live delivery, replay and history send it.
 */
public record StoredMessage(long position, String conversation, String senderKey, String senderDevice,
        long sentAtMillis, String line) {

    public String id() {
        return MessageIds.id(position);
    }
}
