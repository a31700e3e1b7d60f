package im.inbox;

import im.concurrent.DeferredWakeups;
import im.inbox.store.MessageStore;
import im.inbox.store.StoredMessage;
import im.session.Session;
import im.testing.RecordingOutbound;
import im.testing.StoreDatabases;
import im.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    @Test
    void anEventLoopsTurnStoresAndDeliversItsPostsItselfWhileTheWriterWaits() throws Exception {
        database = TestDatabase.sqlite(dir);
        MessageStore store = database.messageStore();
        List<String> deliveredOn = new CopyOnWriteArrayList<>();
        InboxWriter writer = new InboxWriter(store, System.currentTimeMillis(),
                posts -> posts.forEach(post -> deliveredOn.add(Thread.currentThread().getName())),
                arrived -> { }, 0, batch -> { }, size -> { }, () -> { }, TimeUnit.HOURS.toNanos(1));
        try {
            Session alice = RecordingOutbound.session("alice-connection");
            alice.loggedIn("alice", "alice", Session.DEFAULT_DEVICE);
            // The first append starts the first batch file, which is the writer thread's to do.
            writer.post(post(alice, "first")).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(InboxWriterTest::writerWaits);

            List<CompletableFuture<Long>> turn = new ArrayList<>();
            DeferredWakeups.batched(() -> {
                turn.add(writer.post(post(alice, "one")));
                turn.add(writer.post(post(alice, "two")));
            });

            // Stored, delivered and completed on this thread, before the turn ended.
            assertThat(turn).allMatch(stored -> stored.isDone() && !stored.isCompletedExceptionally());
            assertThat(deliveredOn).containsExactly("im-inbox-writer", Thread.currentThread().getName(),
                    Thread.currentThread().getName());
            assertThat(turn.get(1).join()).isEqualTo(turn.get(0).join() + 1);
            assertThat(store.inboxAfter("bob", Session.DEFAULT_DEVICE, 0, 10)).extracting(StoredMessage::position)
                    .containsExactly(turn.get(0).join() - 1, turn.get(0).join(), turn.get(1).join());
        } finally {
            writer.close();
        }
    }

    @Test
    void anEventLoopStoresAndDeliversWhileTheWriterPrunes() throws Exception {
        database = TestDatabase.sqlite(dir);
        CountDownLatch pruning = new CountDownLatch(2);
        CountDownLatch pruneMayEnd = new CountDownLatch(1);
        List<Long> delivered = new CopyOnWriteArrayList<>();
        // The first prune runs at start; the second, a moment later, takes as long as the test says.
        InboxWriter writer = new InboxWriter(database.messageStore(), System.currentTimeMillis(),
                posts -> posts.forEach(post -> delivered.add(post.entry.message().position())), arrived -> { }, 0,
                batch -> { }, size -> { }, () -> {
                    pruning.countDown();
                    if (pruning.getCount() == 0) {
                        awaitQuietly(pruneMayEnd);
                    }
                }, TimeUnit.MILLISECONDS.toNanos(200));
        try {
            Session alice = RecordingOutbound.session("alice-connection");
            alice.loggedIn("alice", "alice", Session.DEFAULT_DEVICE);
            writer.post(post(alice, "first")).get(10, TimeUnit.SECONDS);
            assertThat(pruning.await(10, TimeUnit.SECONDS)).isTrue();

            List<CompletableFuture<Long>> turn = new ArrayList<>();
            DeferredWakeups.batched(() -> turn.add(writer.post(post(alice, "during the prune"))));

            assertThat(turn.get(0)).isCompleted();
            assertThat(delivered).hasSize(2).last().isEqualTo(turn.get(0).join());
        } finally {
            pruneMayEnd.countDown();
            writer.close();
        }
    }

    @Test
    void anotherNodesNextBatchIsDeliveredWhileThisNodesWriterPrunes() throws Exception {
        database = StoreDatabases.open("postgres", dir);
        MessageStore otherNode = database.sharedMessageStore();
        MessageStore thisNode = database.sharedMessageStore();
        CountDownLatch pruning = new CountDownLatch(1);
        CountDownLatch pruneMayEnd = new CountDownLatch(1);
        AtomicBoolean firstPrune = new AtomicBoolean(true);
        List<MessageStore.Arrived> arrived = new CopyOnWriteArrayList<>();
        InboxWriter writer = new InboxWriter(thisNode, System.currentTimeMillis(), posts -> { }, arrived::addAll,
                TimeUnit.HOURS.toNanos(1), batch -> { }, size -> { }, () -> {
                    if (!firstPrune.getAndSet(false)) {
                        pruning.countDown();
                        awaitQuietly(pruneMayEnd);
                    }
                }, TimeUnit.MILLISECONDS.toNanos(200));
        try {
            writeOne(otherNode, System.currentTimeMillis() * 1000);
            writer.catchUp(null).get(10, TimeUnit.SECONDS);
            arrived.clear();
            MessageStore.Written next = writeOne(otherNode, otherNode.highestPosition() + 1);
            assertThat(pruning.await(10, TimeUnit.SECONDS)).isTrue();

            // From another thread, as Lettuce's: with the prune holding the index, this call would wait for it.
            Thread lettuce = new Thread(() -> writer.catchUp(next.batch()));
            lettuce.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> !arrived.isEmpty());
            assertThat(arrived.get(0).entries()).singleElement()
                    .satisfies(entry -> assertThat(entry.message().position()).isEqualTo(next.first()));
            lettuce.join();
        } finally {
            pruneMayEnd.countDown();
            writer.close();
            otherNode.close();
            thisNode.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean writerWaits() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals("im-inbox-writer"))
                .allMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING);
    }

    @Test
    void anotherNodesNextBatchIsDeliveredWhileThisNodesWriterWaitsForTheDatabase() throws Exception {
        database = StoreDatabases.open("postgres", dir);
        MessageStore otherNode = database.sharedMessageStore();
        MessageStore thisNode = database.sharedMessageStore();
        List<MessageStore.Arrived> arrived = new CopyOnWriteArrayList<>();
        InboxWriter writer = new InboxWriter(thisNode, System.currentTimeMillis(), posts -> { }, arrived::addAll,
                TimeUnit.HOURS.toNanos(1), batch -> { }, size -> { }, () -> { }, TimeUnit.HOURS.toNanos(1));
        try {
            // This node has seen everything up to the other node's first batch.
            writeOne(otherNode, System.currentTimeMillis() * 1000);
            writer.catchUp(null).get(10, TimeUnit.SECONDS);
            arrived.clear();
            MessageStore.Written next = writeOne(otherNode, otherNode.highestPosition() + 1);
            Session alice = RecordingOutbound.session("alice-connection");
            alice.loggedIn("alice", "alice", Session.DEFAULT_DEVICE);

            try (Connection holder = database.dataSource().getConnection()) {
                // A commit elsewhere holds the head row: this node's next write waits for it.
                holder.setAutoCommit(false);
                holder.createStatement().execute("select last_position from message_head where id = 1 for update");
                CompletableFuture<Long> waitingPost = writer.post(post(alice, "held up"));

                writer.catchUp(next.batch());

                await().atMost(Duration.ofSeconds(10)).until(() -> !arrived.isEmpty());
                assertThat(arrived.get(0).entries()).singleElement()
                        .satisfies(entry -> assertThat(entry.message().position()).isEqualTo(next.first()));
                assertThat(waitingPost).isNotDone();
                holder.rollback();
                assertThat(waitingPost.get(10, TimeUnit.SECONDS)).isGreaterThan(next.batch().last());
            }
        } finally {
            writer.close();
            otherNode.close();
            thisNode.close();
        }
    }

    private static MessageStore.Written writeOne(MessageStore store, long position) {
        StoredMessage message = new StoredMessage(position, "carol bob", "carol", "d", 1, "carol bob hello");
        return store.write(position, List.of(new MessageStore.Entry(message, List.of("carol", "bob"))), List.of());
    }

    private static InboxWriter.Post<Long> post(Session from, String text) {
        Inbox.Draft draft = Inbox.Draft.direct(from, "bob", text);
        return new InboxWriter.Post<>(draft, "alice", "alice", Session.DEFAULT_DEVICE, "alice bob " + text,
                System.currentTimeMillis(), StoredMessage::position);
    }
}
