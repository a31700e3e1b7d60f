package im.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchCodecTest {

    @Test
    void aBatchReadsBackAsWrittenWhateverTheTextHolds() {
        String text = "2026-12-01T10:00:00.000Z alice #Chat h\u00e9llo \u2603 \uD83D\uDE00 tabs\tand spaces  ";
        MessageStore.Entry prepared = new MessageStore.Entry(new StoredMessage(41, "#chat@7", "alice", "phone", 1234, text),
                List.of("alice", "bob"), BatchCodec.encodeMessage("#chat@7", "alice", "phone", 1234, text,
                        List.of("alice", "bob")));
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
    void aBatchOfAcknowledgementsAloneReadsBack() {
        BatchCodec.Batch batch = BatchCodec.decode(BatchCodec.encode(List.of(),
                List.of(new MessageStore.CursorMove("a", "d", 1), new MessageStore.CursorMove("b", "e", 2))));
        assertThat(batch.entries()).isEmpty();
        assertThat(batch.moves()).hasSize(2);
    }
}
