package im.inbox;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One writer transaction's messages as one value: the store keeps a row per batch rather than
 * rows per message, which is what lets a group commit of hundreds of messages cost about one
 * insert. A version byte first, so that the format can change; then each message as its
 * position and its {@link #encodeMessage} form, which the sender's thread makes ahead; then
 * the cursor moves (acknowledgements) of the batch.
 */
final class BatchCodec {

    private static final int VERSION = 1;

    private BatchCodec() {
    }

    /**
     * Everything of a message but its position, in the layout {@link #decode} reads (that of
     * {@code DataOutput}: names and keys are ASCII by their rules, so their modified UTF-8 is
     * their bytes). Written straight into an array of the exact size: this runs for every message.
     */
    static byte[] encodeMessage(String conversation, String senderKey, String senderDevice, long sentAt, String tail,
            List<String> inboxOf) {
        byte[] text = tail.getBytes(StandardCharsets.UTF_8);
        int size = 2 + conversation.length() + 2 + senderKey.length() + 2 + senderDevice.length() + 8 + 4 + text.length + 2;
        for (int i = 0; i < inboxOf.size(); i++) {
            size += 2 + inboxOf.get(i).length();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        ascii(out, conversation);
        ascii(out, senderKey);
        ascii(out, senderDevice);
        out.putLong(sentAt);
        out.putInt(text.length);
        out.put(text);
        out.putShort((short) inboxOf.size());
        for (int i = 0; i < inboxOf.size(); i++) {
            ascii(out, inboxOf.get(i));
        }
        return out.array();
    }

    static byte[] encode(List<MessageStore.Entry> entries, List<MessageStore.CursorMove> moves) {
        List<byte[]> encoded = new ArrayList<>(entries.size());
        int size = 1 + 4 + 4;
        for (MessageStore.Entry entry : entries) {
            StoredMessage m = entry.message();
            byte[] message = entry.encoded() != null ? entry.encoded()
                    : encodeMessage(m.conversation(), m.senderKey(), m.senderDevice(), m.sentAtMillis(), m.tail(),
                            entry.inboxOf());
            encoded.add(message);
            size += 8 + 4 + message.length;
        }
        for (MessageStore.CursorMove move : moves) {
            size += 2 + move.userKey().length() + 2 + move.device().length() + 8;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) VERSION);
        out.putInt(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            out.putLong(entries.get(i).message().position());
            out.putInt(encoded.get(i).length);
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

    static Batch decode(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown message batch format " + version);
            }
            int count = in.readInt();
            List<MessageStore.Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long position = in.readLong();
                in.readInt();
                String conversation = in.readUTF();
                String senderKey = in.readUTF();
                String senderDevice = in.readUTF();
                long sentAt = in.readLong();
                byte[] tail = new byte[in.readInt()];
                in.readFully(tail);
                List<String> inboxOf = new ArrayList<>();
                for (int users = in.readShort(); users > 0; users--) {
                    inboxOf.add(in.readUTF());
                }
                entries.add(new MessageStore.Entry(new StoredMessage(position, conversation, senderKey, senderDevice,
                        sentAt, new String(tail, StandardCharsets.UTF_8)), inboxOf));
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
}
