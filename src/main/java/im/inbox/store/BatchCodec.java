package im.inbox.store;

import im.auth.UserNames;
import im.protocol.Events;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One writer transaction's messages as one value: the store keeps a row per batch rather than
 * rows per message, which is what lets a group commit of hundreds of messages cost about one
 * insert. A version byte first, so that the format can change; then each message as its
 * position and its {@link #encodeMessage} form, which the sender's thread makes ahead; then
 * the cursor moves (acknowledgements) of the batch.
 *
 * <p>Version 1 kept every message whole: its conversation, sender key, device, time, the
 * {@code MSG} line's tail and the inbox keys, about 200 bytes for a 64-byte text, most of them
 * saying again what the tail says. Version 2 keeps a message as its time, sender, device,
 * recipient and text, and the conversation and inbox keys only where they do not follow from
 * those (a room's): about 110 bytes for the same text, since writing the bytes is a visible
 * share of the server's CPU at full load (docs/performance-log.md). Both versions are read.
 */
public final class BatchCodec {

    private static final int VERSION = 2;
    private static final int WHOLE_MESSAGES = 1;
    /** A message as version 1 keeps it: one read back, or made without a draft. */
    private static final byte WHOLE = 0;
    /** A private message: its conversation and inbox keys follow from its sender and recipient. */
    private static final byte DIRECT = 1;
    /** A message with its conversation and inbox keys kept (a room's). */
    private static final byte WITH_INBOXES = 2;

    private BatchCodec() {
    }

    /**
     * Everything of a posted message but its position, in the layout {@link #decode} reads (that
     * of {@code DataOutput}: names and keys are ASCII by their rules, so their modified UTF-8 is
     * their bytes). Written straight into an array of the exact size: this runs for every
     * message, on the sender's thread. {@code sender}: the name as registered.
     */
    public static byte[] encodeMessage(Posting draft, String sender, String senderDevice, long sentAt) {
        byte[] text = draft.text().getBytes(StandardCharsets.UTF_8);
        int size = 1 + 8 + 2 + sender.length() + 2 + senderDevice.length() + 2 + draft.recipient().length() + 4
                + text.length;
        if (!draft.direct()) {
            size += 2 + draft.conversation().length() + sizeOf(draft.inboxKeys());
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(draft.direct() ? DIRECT : WITH_INBOXES);
        out.putLong(sentAt);
        ascii(out, sender);
        ascii(out, senderDevice);
        ascii(out, draft.recipient());
        out.putInt(text.length);
        out.put(text);
        if (!draft.direct()) {
            ascii(out, draft.conversation());
            inboxes(out, draft.inboxKeys());
        }
        return out.array();
    }

    /** A message as read back or made elsewhere, whole: its tail as it is. */
    static byte[] encodeWhole(StoredMessage message, List<String> inboxOf) {
        byte[] tail = message.tail().getBytes(StandardCharsets.UTF_8);
        int size = 1 + 2 + message.conversation().length() + 2 + message.senderKey().length() + 2
                + message.senderDevice().length() + 8 + 4 + tail.length + sizeOf(inboxOf);
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(WHOLE);
        ascii(out, message.conversation());
        ascii(out, message.senderKey());
        ascii(out, message.senderDevice());
        out.putLong(message.sentAtMillis());
        out.putInt(tail.length);
        out.put(tail);
        inboxes(out, inboxOf);
        return out.array();
    }

    private static int sizeOf(List<String> inboxOf) {
        int size = 2;
        for (int i = 0; i < inboxOf.size(); i++) {
            size += 2 + inboxOf.get(i).length();
        }
        return size;
    }

    private static void inboxes(ByteBuffer out, List<String> inboxOf) {
        out.putShort((short) inboxOf.size());
        for (int i = 0; i < inboxOf.size(); i++) {
            ascii(out, inboxOf.get(i));
        }
    }

    static byte[] encode(List<MessageStore.Entry> entries, List<MessageStore.CursorMove> moves) {
        List<byte[]> encoded = new ArrayList<>(entries.size());
        int size = 1 + 4 + 4;
        for (MessageStore.Entry entry : entries) {
            byte[] message = entry.encoded() != null ? entry.encoded() : encodeWhole(entry.message(), entry.inboxOf());
            encoded.add(message);
            size += 8 + message.length;
        }
        for (MessageStore.CursorMove move : moves) {
            size += 2 + move.userKey().length() + 2 + move.device().length() + 8;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) VERSION);
        out.putInt(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            out.putLong(entries.get(i).message().position());
            out.put(encoded.get(i));
        }
        out.putInt(moves.size());
        for (MessageStore.CursorMove move : moves) {
            ascii(out, move.userKey());
            ascii(out, move.device());
            out.putLong(move.position());
        }
        return out.array();
    }

    /**
     * A string of ASCII characters as {@code DataOutput.writeUTF} writes it, straight into the
     * buffer's array (a {@code put} per byte, with its checks, showed in the sender's profile).
     */
    private static void ascii(ByteBuffer out, String value) {
        int length = value.length();
        out.putShort((short) length);
        byte[] bytes = out.array();
        int at = out.arrayOffset() + out.position();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == 0 || c > 127) {
                throw new IllegalArgumentException("not an ASCII name or key: " + value);
            }
            bytes[at + i] = (byte) c;
        }
        out.position(out.position() + length);
    }

    /** A batch read back: its messages and its cursor moves. */
    record Batch(List<MessageStore.Entry> entries, List<MessageStore.CursorMove> moves) {
    }

    /**
     * A stored batch whose first message is at {@code first}: a cluster's log may have stored the
     * batch at later positions than those it was encoded with, and its messages move with it.
     */
    static Batch decode(byte[] body, long first) {
        Batch batch = decode(body);
        long shift = batch.entries().isEmpty() ? 0 : first - batch.entries().get(0).message().position();
        return shift == 0 ? batch
                : new Batch(batch.entries().stream().map(entry -> entry.shiftedBy(shift)).toList(), batch.moves());
    }

    static Batch decode(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            int version = in.readByte();
            if (version != VERSION && version != WHOLE_MESSAGES) {
                throw new IllegalStateException("unknown message batch format " + version);
            }
            int count = in.readInt();
            List<MessageStore.Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long position = in.readLong();
                if (version == WHOLE_MESSAGES) {
                    in.readInt();
                    entries.add(readWhole(in, position));
                    continue;
                }
                byte kind = in.readByte();
                entries.add(kind == WHOLE ? readWhole(in, position) : readParts(in, position, kind == DIRECT));
            }
            List<MessageStore.CursorMove> moves = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                moves.add(new MessageStore.CursorMove(in.readUTF(), in.readUTF(), in.readLong()));
            }
            return new Batch(entries, moves);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageStore.Entry readWhole(DataInputStream in, long position) throws IOException {
        String conversation = in.readUTF();
        String senderKey = in.readUTF();
        String senderDevice = in.readUTF();
        long sentAt = in.readLong();
        String tail = readText(in);
        return new MessageStore.Entry(new StoredMessage(position, conversation, senderKey, senderDevice, sentAt, tail),
                readInboxes(in));
    }

    private static MessageStore.Entry readParts(DataInputStream in, long position, boolean direct) throws IOException {
        long sentAt = in.readLong();
        String from = in.readUTF();
        String senderDevice = in.readUTF();
        String to = in.readUTF();
        String text = readText(in);
        String senderKey = UserNames.key(from);
        String tail = Events.messageTail(Instant.ofEpochMilli(sentAt), from, to, text);
        String recipientKey = UserNames.key(to);
        String conversation = direct ? Conversations.directOfKeys(senderKey, recipientKey) : in.readUTF();
        List<String> inboxOf = direct ? Conversations.directInboxes(senderKey, recipientKey) : readInboxes(in);
        return new MessageStore.Entry(new StoredMessage(position, conversation, senderKey, senderDevice, sentAt, tail),
                inboxOf);
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] text = new byte[in.readInt()];
        in.readFully(text);
        return new String(text, StandardCharsets.UTF_8);
    }

    private static List<String> readInboxes(DataInputStream in) throws IOException {
        List<String> inboxOf = new ArrayList<>();
        for (int users = in.readShort(); users > 0; users--) {
            inboxOf.add(in.readUTF());
        }
        return inboxOf;
    }
}
