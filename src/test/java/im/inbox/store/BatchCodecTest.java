package im.inbox.store;

import im.inbox.Inbox;
import im.protocol.Events;
import im.session.Session;
import im.testing.RecordingOutbound;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class BatchCodecTest {

    private static final long SENT_AT = 1_796_194_547_582L;

    @Test
    void aBatchReadsBackAsWrittenWhateverTheTextHolds() {
        String text = "2026-12-01T10:00:00.000Z alice #Chat h\u00e9llo \u2603 \uD83D\uDE00 tabs\tand spaces  ";
        StoredMessage whole = new StoredMessage(41, "#chat@7", "alice", "phone", 1234, text);
        MessageStore.Entry prepared = new MessageStore.Entry(whole, List.of("alice", "bob"),
                BatchCodec.encodeWhole(whole, List.of("alice", "bob")));
        MessageStore.Entry plain = new MessageStore.Entry(new StoredMessage(42, "alice bob", "bob", "default", 1235, "x"),
                List.of("alice", "bob"));
        List<MessageStore.CursorMove> moves = List.of(new MessageStore.CursorMove("carol", "laptop", 40));

        BatchCodec.Batch batch = BatchCodec.decode(BatchCodec.encode(List.of(prepared, plain), moves));

        assertThat(batch.entries()).hasSize(2);
        StoredMessage first = batch.entries().get(0).message();
        assertThat(List.of(first.position(), first.sentAtMillis())).containsExactly(41L, 1234L);
        assertThat(List.of(first.conversation(), first.senderKey(), first.senderDevice(), first.tail()))
                .containsExactly("#chat@7", "alice", "phone", text);
        assertThat(first.line()).isEqualTo("MSG " + MessageIds.id(41) + " " + text);
        assertThat(batch.entries().get(0).inboxOf()).containsExactly("alice", "bob");
        assertThat(batch.entries().get(1).message().line()).isEqualTo("MSG " + MessageIds.id(42) + " x");
        assertThat(batch.moves()).containsExactly(new MessageStore.CursorMove("carol", "laptop", 40));
    }

    @Test
    void aPrivateMessageIsKeptAsItsPartsAndReadsBackWhole() {
        String text = "x".repeat(64);
        MessageStore.Entry entry = posted(43, Inbox.Draft.direct(session("Alice", "phone"), "Bob", text));

        StoredMessage read = roundTrip(entry);

        assertThat(List.of(read.conversation(), read.senderKey(), read.senderDevice(), read.tail())).containsExactly(
                "alice bob", "alice", "phone", Events.messageTail(Instant.ofEpochMilli(SENT_AT), "Alice", "Bob", text));
        assertThat(decodedInbox(entry)).containsExactly("bob", "alice");
        // Version 1 took 147 bytes for this: the tail's 99 and what repeats it.
        assertThat(entry.encoded().length).isLessThan(64 + 40);
    }

    @Test
    void aMessageToOneselfIsInOneInbox() {
        MessageStore.Entry entry = posted(44, Inbox.Draft.direct(session("alice", "default"), "alice", "note"));

        assertThat(roundTrip(entry).conversation()).isEqualTo("alice alice");
        assertThat(decodedInbox(entry)).containsExactly("alice");
    }

    @Test
    void aRoomMessageKeepsItsConversationAndMembers() {
        String text = "h\u00e9llo \u2603 \uD83D\uDE00  tabs\tand spaces ";
        MessageStore.Entry entry = posted(45,
                Inbox.Draft.room(session("alice", "laptop"), "#chat@7", "#Chat", text, List.of("alice", "bob", "carol")));

        StoredMessage read = roundTrip(entry);

        assertThat(read.conversation()).isEqualTo("#chat@7");
        assertThat(read.tail()).endsWith(" alice #Chat " + text);
        assertThat(decodedInbox(entry)).containsExactly("alice", "bob", "carol");
    }

    @Test
    void aBatchOfAcknowledgementsAloneReadsBack() {
        BatchCodec.Batch batch = BatchCodec.decode(BatchCodec.encode(List.of(),
                List.of(new MessageStore.CursorMove("a", "d", 1), new MessageStore.CursorMove("b", "e", 2))));
        assertThat(batch.entries()).isEmpty();
        assertThat(batch.moves()).hasSize(2);
    }

    @Test
    void aBatchAnEarlierVersionWroteStillReads() throws IOException {
        // Version 1, as a server before the parts were kept wrote it: every message whole.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] tail = "2026-12-01T10:00:00.000Z alice bob h\u00e9llo".getBytes(StandardCharsets.UTF_8);
        out.writeByte(1);
        out.writeInt(1);
        out.writeLong(46);
        out.writeInt(0);
        out.writeUTF("alice bob");
        out.writeUTF("alice");
        out.writeUTF("phone");
        out.writeLong(1234);
        out.writeInt(tail.length);
        out.write(tail);
        out.writeShort(2);
        out.writeUTF("bob");
        out.writeUTF("alice");
        out.writeInt(1);
        out.writeUTF("bob");
        out.writeUTF("default");
        out.writeLong(40);

        BatchCodec.Batch batch = BatchCodec.decode(bytes.toByteArray());

        StoredMessage read = batch.entries().get(0).message();
        assertThat(List.of(read.conversation(), read.senderKey(), read.senderDevice(), read.tail()))
                .containsExactly("alice bob", "alice", "phone", new String(tail, StandardCharsets.UTF_8));
        assertThat(batch.entries().get(0).inboxOf()).containsExactly("bob", "alice");
        assertThat(batch.moves()).containsExactly(new MessageStore.CursorMove("bob", "default", 40));
    }

    private static Session session(String user, String device) {
        Session session = RecordingOutbound.session("connection");
        session.loggedIn(user, user.toLowerCase(Locale.ROOT), device);
        return session;
    }

    /** A draft as the inbox stores it: its line's tail from {@link Events#messageTail}, its form encoded ahead. */
    private static MessageStore.Entry posted(long position, Inbox.Draft draft) {
        Session from = draft.from();
        String tail = Events.messageTail(Instant.ofEpochMilli(SENT_AT), from.user(), draft.recipient(), draft.text());
        return new MessageStore.Entry(new StoredMessage(position, draft.conversation(), from.userKey(), from.device(),
                SENT_AT, tail), draft.inboxKeys(), BatchCodec.encodeMessage(draft, from.user(), from.device(), SENT_AT));
    }

    private static StoredMessage roundTrip(MessageStore.Entry entry) {
        StoredMessage read = BatchCodec.decode(BatchCodec.encode(List.of(entry), List.of())).entries().get(0).message();
        assertThat(read.line()).isEqualTo(entry.message().line());
        assertThat(List.of(read.position(), read.sentAtMillis())).containsExactly(entry.message().position(), SENT_AT);
        return read;
    }

    private static List<String> decodedInbox(MessageStore.Entry entry) {
        return BatchCodec.decode(BatchCodec.encode(List.of(entry), List.of())).entries().get(0).inboxOf();
    }
}
