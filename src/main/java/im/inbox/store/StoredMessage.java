package im.inbox.store;

import im.protocol.Events;

/**
 * One message as stored: its position, the conversation it belongs to, who sent it from which
 * device, and its {@code MSG} line as live delivery, replay and history send it. The line is
 * kept as the part after the id ({@code tail}), which is known before the position is; the id
 * and the whole line are made once, here (a base-36 id costs a division a digit).
 */
public final class StoredMessage {

    private final long position;
    private final String conversation;
    private final String senderKey;
    private final String senderDevice;
    private final long sentAtMillis;
    private final String tail;
    private final String id;
    private final String line;

    public StoredMessage(long position, String conversation, String senderKey, String senderDevice, long sentAtMillis,
            String tail) {
        this.position = position;
        this.conversation = conversation;
        this.senderKey = senderKey;
        this.senderDevice = senderDevice;
        this.sentAtMillis = sentAtMillis;
        this.tail = tail;
        this.id = MessageIds.id(position);
        this.line = Events.message(id, tail);
    }

    public long position() {
        return position;
    }

    public String conversation() {
        return conversation;
    }

    public String senderKey() {
        return senderKey;
    }

    public String senderDevice() {
        return senderDevice;
    }

    public long sentAtMillis() {
        return sentAtMillis;
    }

    public String tail() {
        return tail;
    }

    public String id() {
        return id;
    }

    public String line() {
        return line;
    }
}
