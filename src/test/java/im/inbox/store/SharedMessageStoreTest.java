package im.inbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.StoreDatabases;
import im.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' stores on one PostgreSQL, as in a cluster: each indexes the other's batches and its
 * own in position order, whether the other's batch comes as a notice or is read from the database.
 */
class SharedMessageStoreTest {

    @TempDir
    Path dir;

    @AutoClose
    private TestDatabase database;
    private MessageStore nodeA;
    private MessageStore nodeB;

    @BeforeEach
    void open() {
        database = StoreDatabases.open("postgres", dir);
        nodeA = database.sharedMessageStore();
        nodeB = database.sharedMessageStore();
    }

    @Test
    void aBatchWithNothingUnseenBeforeItIsIndexedAtOnce() {
        // A node's first batch starts at its clock, past the head: it cannot tell that jump from
        // unseen batches, so it waits for the next read.
        MessageStore.Written first = write(nodeA, 1000, "alice", "bob");
        assertThat(first.indexed()).isEmpty();
        assertThat(nodeA.catchUp()).containsExactly(new MessageStore.Own(first.first()));

        MessageStore.Written second = write(nodeA, first.batch().last() + 1, "alice", "bob");

        assertThat(second.indexed()).containsExactly(new MessageStore.Own(second.first()));
        assertThat(nodeA.inboxAfter("bob", "d", 0, 10)).extracting(StoredMessage::position)
                .containsExactly(first.first(), second.first());
    }

    @Test
    void aBatchAfterAnotherNodesUnseenOneWaitsForItsNoticeThenBothAreIndexedInOrder() {
        MessageStore.Written fromA = write(nodeA, 1000, "alice", "bob");
        MessageStore.Written fromB = write(nodeB, 1000, "carol", "bob");

        assertThat(fromB.first()).isGreaterThan(fromA.batch().last());
        assertThat(fromB.indexed()).isEmpty();
        assertThat(nodeB.inboxAfter("bob", "d", 0, 10)).isEmpty();

        List<MessageStore.Indexed> indexed = nodeB.catchUp(fromA.batch());

        assertThat(indexed).hasSize(2);
        assertThat(((MessageStore.Arrived) indexed.get(0)).entries()).singleElement()
                .satisfies(entry -> assertThat(entry.message().position()).isEqualTo(fromA.first()));
        assertThat(indexed.get(1)).isEqualTo(new MessageStore.Own(fromB.first()));
        assertThat(nodeB.inboxAfter("bob", "d", 0, 10)).extracting(StoredMessage::position)
                .containsExactly(fromA.first(), fromB.first());
        assertThat(nodeB.catchUp(fromA.batch())).as("a notice seen already").isEmpty();
    }

    @Test
    void aBatchWhoseNoticeNeverCameIsReadFromTheDatabaseWithTheWaitingOneAfterIt() {
        MessageStore.Written fromA = write(nodeA, 1000, "alice", "bob");
        MessageStore.Written fromB = write(nodeB, 1000, "carol", "bob");
        MessageStore.Written laterFromB = write(nodeB, fromB.batch().last() + 1, "carol", "bob");

        assertThat(laterFromB.indexed()).as("waits behind the batch before it").isEmpty();

        List<MessageStore.Indexed> indexed = nodeB.catchUp();

        assertThat(indexed).hasSize(3);
        assertThat(indexed.get(0)).isInstanceOf(MessageStore.Arrived.class);
        assertThat(indexed.subList(1, 3)).containsExactly(new MessageStore.Own(fromB.first()),
                new MessageStore.Own(laterFromB.first()));
        assertThat(nodeB.inboxAfter("bob", "d", 0, 10)).extracting(StoredMessage::position)
                .containsExactly(fromA.first(), fromB.first(), laterFromB.first());
        assertThat(nodeA.catchUp()).as("node A's first batch, which waited, then node B's two")
                .extracting(item -> item.getClass().getSimpleName()).containsExactly("Own", "Arrived", "Arrived");
    }

    /** One message from {@code sender} to {@code recipient}, proposed at {@code position}. */
    private static MessageStore.Written write(MessageStore store, long position, String sender, String recipient) {
        StoredMessage message = new StoredMessage(position, sender + " " + recipient, sender, "d", 1,
                sender + " to " + recipient);
        return store.write(position, List.of(new MessageStore.Entry(message, List.of(sender, recipient))), List.of());
    }
}
