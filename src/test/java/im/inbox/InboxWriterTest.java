package im.inbox;

import im.inbox.store.StoredMessage;
import im.session.Session;
import im.testing.RecordingOutbound;
import im.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** The writer and its delivery queue over a real SQLite file. */
class InboxWriterTest {

    @TempDir
    Path dir;

    @AutoClose
    private TestDatabase database;

    @Test
    void postsFromManyThreadsAreDeliveredInPositionOrderAndCloseWaitsForTheLastDelivery() throws Exception {
        database = TestDatabase.sqlite(dir);
        List<Long> delivered = new CopyOnWriteArrayList<>();
        // A slow delivery (a sluggish machine's), so that the writer has stored everything long
        // before the last batch is delivered: close must wait for that too.
        InboxWriter writer = new InboxWriter(database.messageStore(), System.currentTimeMillis(), posts -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            posts.forEach(post -> delivered.add(post.entry.message().position()));
        }, arrived -> { }, 0, batch -> { }, size -> { }, () -> { }, TimeUnit.MINUTES.toNanos(1));
        Session alice = RecordingOutbound.session("alice-connection");
        alice.loggedIn("alice", "alice", Session.DEFAULT_DEVICE);
        List<CompletableFuture<Long>> stored = new CopyOnWriteArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 250; i++) {
                    stored.add(writer.post(post(alice, "text " + i)));
                }
            });
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }

        writer.close();
        // Taken at once: the first assertion loads AssertJ, time enough for a late delivery to land.
        List<Long> deliveredAtClose = List.copyOf(delivered);
        boolean allCompletedAtClose = stored.stream().allMatch(future -> future.isDone() && !future.isCompletedExceptionally());

        // Every post was stored and delivered before close returned, none of them twice.
        assertThat(allCompletedAtClose).isTrue();
        assertThat(deliveredAtClose).hasSize(1000).isSorted().doesNotHaveDuplicates();
        assertThat(stored.stream().map(CompletableFuture::join)).containsExactlyInAnyOrderElementsOf(deliveredAtClose);
    }

    private static InboxWriter.Post<Long> post(Session from, String text) {
        Inbox.Draft draft = Inbox.Draft.direct(from, "bob", text);
        return new InboxWriter.Post<>(draft, "alice", "alice", Session.DEFAULT_DEVICE, "alice bob " + text,
                System.currentTimeMillis(), StoredMessage::position);
    }
}
