package im.inbox;

import im.auth.UserNames;
import im.protocol.Events;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one writer thread. It takes every waiting post and acknowledgement, gives each
 * post the next position, stores the lot in one transaction (a group commit: one disk write
 * for hundreds of messages under load), and only then hands the posts on for live delivery,
 * in position order, and completes them. One writer is what makes positions increase in the
 * order they become visible, which the cursors rely on. Pruning runs here too, between batches.
 */
final class InboxWriter {

    private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);
    private static final int MAX_BATCH = 2048;

    /** A message to store: what the post asked for, and the stored form once it has a position. */
    static final class Post {
        final Inbox.Draft draft;
        final List<String> inboxKeys;
        final CompletableFuture<StoredMessage> done = new CompletableFuture<>();
        MessageStore.Entry entry;

        Post(Inbox.Draft draft, List<String> inboxKeys) {
            this.draft = draft;
            this.inboxKeys = inboxKeys;
        }
    }

    private record Ack(MessageStore.CursorMove move, CompletableFuture<StoredMessage> done) {
    }

    private final MessageStore store;
    private final Clock clock;
    private final Consumer<List<Post>> deliver;
    private final IntConsumer batchSizes;
    private final Runnable prune;
    private final long pruneEveryNanos;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private long nextPosition;
    private volatile boolean stopping;

    InboxWriter(MessageStore store, Clock clock, Consumer<List<Post>> deliver, IntConsumer batchSizes,
            Runnable prune, long pruneEveryNanos) {
        this.store = store;
        this.clock = clock;
        this.deliver = deliver;
        this.batchSizes = batchSizes;
        this.prune = prune;
        this.pruneEveryNanos = pruneEveryNanos;
        // Positions start past the stored ones and past the clock (in microseconds), so that ids
        // stay unique across restarts even of a store that forgot everything (in memory, pruned).
        this.nextPosition = Math.max(store.highestPosition(), clock.millis() * 1000) + 1;
        this.thread = new Thread(this::run, "im-inbox-writer");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<StoredMessage> post(Post post) {
        return enqueue(post, post.done);
    }

    CompletableFuture<StoredMessage> ack(MessageStore.CursorMove move) {
        CompletableFuture<StoredMessage> done = new CompletableFuture<>();
        return enqueue(new Ack(move, done), done);
    }

    /** Stores what is queued, then stops the thread. */
    void close() throws InterruptedException {
        stopping = true;
        queue.add(this);
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    private CompletableFuture<StoredMessage> enqueue(Object write, CompletableFuture<StoredMessage> done) {
        if (stopping) {
            done.completeExceptionally(new IllegalStateException("the server is shutting down"));
        } else {
            queue.add(write);
        }
        return done;
    }

    private void run() {
        long nextPrune = System.nanoTime() + pruneEveryNanos;
        List<Object> batch = new ArrayList<>();
        while (true) {
            try {
                Object first = queue.poll(Math.max(0, nextPrune - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (first == null || System.nanoTime() - nextPrune >= 0) {
                    pruneQuietly();
                    nextPrune = System.nanoTime() + pruneEveryNanos;
                }
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean last = batch.remove(this);
                if (!batch.isEmpty()) {
                    write(batch);
                }
                batch.clear();
                if (last || stopping && queue.isEmpty()) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                log.error("The inbox writer failed; it goes on with the next batch", e);
                batch.clear();
            }
        }
    }

    private void write(List<Object> batch) {
        List<Post> posts = new ArrayList<>(batch.size());
        List<MessageStore.CursorMove> moves = new ArrayList<>();
        for (Object write : batch) {
            if (write instanceof Post post) {
                post.entry = new MessageStore.Entry(stored(post), post.inboxKeys);
                posts.add(post);
            } else {
                moves.add(((Ack) write).move());
            }
        }
        try {
            store.inTransaction(() -> {
                store.append(posts.stream().map(post -> post.entry).toList());
                store.moveCursors(moves);
            });
        } catch (RuntimeException failed) {
            if (batch.size() > 1) {
                // One bad write must not fail the others: each again, on its own.
                batch.forEach(write -> write(List.of(write)));
                return;
            }
            log.error("The message store refused a write", failed);
            batch.forEach(write -> future(write).completeExceptionally(failed));
            return;
        }
        batchSizes.accept(batch.size());
        deliver.accept(posts);
        for (Object write : batch) {
            future(write).complete(write instanceof Post post ? post.entry.message() : null);
        }
    }

    private StoredMessage stored(Post post) {
        if (post.entry != null) {
            return post.entry.message();
        }
        long position = nextPosition++;
        long now = clock.millis();
        Inbox.Draft draft = post.draft;
        String line = Events.message(MessageIds.id(position), Instant.ofEpochMilli(now), draft.sender(),
                draft.recipient(), draft.text());
        return new StoredMessage(position, draft.conversation(), UserNames.key(draft.sender()), draft.senderDevice(),
                now, line);
    }

    private static CompletableFuture<StoredMessage> future(Object write) {
        return write instanceof Post post ? post.done : ((Ack) write).done();
    }

    private void pruneQuietly() {
        try {
            prune.run();
        } catch (RuntimeException e) {
            log.warn("Pruning the inbox failed; trying again later: {}", e.toString());
        }
    }
}
