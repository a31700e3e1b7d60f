package im.inbox;

import im.protocol.Events;

/**
 * One message as stored: its position, the conversation it belongs to, who sent it from which
 * device, and its {@code MSG} line as live delivery, replay and history send it. The line is
 * kept as the part after the id ({@code tail}), which is known before the position is.
 */
public record StoredMessage(long position, String conversation, String senderKey, String senderDevice,
        long sentAtMillis, String tail) {

    public String id() {
        return MessageIds.id(position);
    }

    public String line() {
        return Events.message(id(), tail);
    }
}
