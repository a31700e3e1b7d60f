package im.inbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** Everything of a message but its position. */
    static byte[] encodeMessage(String conversation, String senderKey, String senderDevice, long sentAt, String tail,
            List<String> inboxOf) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + tail.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(conversation);
            out.writeUTF(senderKey);
            out.writeUTF(senderDevice);
            out.writeLong(sentAt);
            byte[] text = tail.getBytes(StandardCharsets.UTF_8);
            out.writeInt(text.length);
            out.write(text);
            out.writeShort(inboxOf.size());
            for (String user : inboxOf) {
                out.writeUTF(user);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A batch read back: its messages and its cursor moves. */
    record Batch(List<MessageStore.Entry> entries, List<MessageStore.CursorMove> moves) {
    }

    static byte[] encode(List<MessageStore.Entry> entries, List<MessageStore.CursorMove> moves) {
        int size = 5;
        List<byte[]> encoded = new ArrayList<>(entries.size());
        for (MessageStore.Entry entry : entries) {
            byte[] message = entry.encoded() != null ? entry.encoded() : encodeMessage(entry.message().conversation(),
                    entry.message().senderKey(), entry.message().senderDevice(), entry.message().sentAtMillis(),
                    entry.message().tail(), entry.inboxOf());
            encoded.add(message);
            size += 12 + message.length;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                out.writeLong(entries.get(i).message().position());
                out.writeInt(encoded.get(i).length);
                out.write(encoded.get(i));
            }
            out.writeInt(moves.size());
            for (MessageStore.CursorMove move : moves) {
                out.writeUTF(move.userKey());
                out.writeUTF(move.device());
                out.writeLong(move.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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
