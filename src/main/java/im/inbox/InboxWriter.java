package im.inbox;

import im.concurrent.ConsumerQueue;
import im.concurrent.DeferredWakeups;
import im.inbox.store.BatchCodec;
import im.inbox.store.MessageStore;
import im.inbox.store.StoredMessage;
import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.throttle.RateLimitedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The store's one writer thread. It takes every waiting post and acknowledgement, gives each
 * post the next position, stores the lot in one transaction (a group commit: one write for
 * hundreds of messages under load), then delivers the posts live, in position order, and
 * completes them. One writer is what makes positions increase in the order they become visible,
 * which the cursors rely on; in cluster mode the store's head row does that across the nodes'
 * writers, and each writer also indexes and delivers, in position order, what the other nodes
 * stored ({@link #catchUp}). Delivering only queues lines to the connections' outboxes, which
 * the event loops write, so it needs no thread of its own. Pruning runs on a thread of its own
 * and holds neither lock: storing and indexing go on meanwhile. Indexing and delivering happen
 * under {@link #indexLock}, never storing: so a batch another node sent that is the next one is
 * indexed and delivered on the thread it arrived on, at once, rather than after this writer's
 * statement in progress.
 *
 * <p>When the store's next append only writes a local file ({@link MessageStore#appendsQuickly}),
 * an event loop whose turn posted while this thread waited stores and delivers the turn's posts
 * itself at the turn's end ({@link #writeHere}), under the same {@link #writing} lock: so a
 * message at a steady rate wakes no writer thread, and its replies no loop.
 */
final class InboxWriter {

    private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);
    /** A full disk refuses every SEND: one line every 10 s says so. */
    private static final RateLimitedLog refusals = new RateLimitedLog(log, Duration.ofSeconds(10));
    private static final int MAX_BATCH = 4096;
    /**
     * How long a batch of this node may wait for the notice of another node's batch before it
     * (normally a millisecond away) before the writer reads that batch from the store instead.
     */
    private static final long NOTICE_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long the writer waits when nothing is due; a new write wakes it before. */
    private static final long IDLE_WAIT_NANOS = TimeUnit.MINUTES.toNanos(1);

    /**
     * A message to store, prepared on the sender's thread; its position and entry come here.
     * Once stored, {@code done} completes with {@code result} of the message: the sender's
     * reply made right there, so that a SEND needs no completion stage of its own.
     */
    static final class Post<T> {
        final Inbox.Draft draft;
        final String senderKey;
        final String senderDevice;
        final String tail;
        final long sentAt;
        final byte[] encoded;
        final Function<StoredMessage, T> result;
        final CompletableFuture<T> done = new CompletableFuture<>();
        MessageStore.Entry entry;

        Post(Inbox.Draft draft, String sender, String senderKey, String senderDevice, String tail, long sentAt,
                Function<StoredMessage, T> result) {
            this.draft = draft;
            this.senderKey = senderKey;
            this.senderDevice = senderDevice;
            this.tail = tail;
            this.sentAt = sentAt;
            this.result = result;
            this.encoded = BatchCodec.encodeMessage(draft, sender, senderDevice, sentAt);
        }

        void complete() {
            try {
                done.complete(result.apply(entry.message()));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }

    private record Ack(MessageStore.CursorMove move, CompletableFuture<Void> done) {
    }

    /** A request to index and deliver what other nodes stored (cluster mode), with the batch one sent, if any. */
    private record CatchUp(MessageStore.Batch sent, CompletableFuture<Void> done) {
    }

    /** A batch this node stored: its posts, to deliver, and all its writes, to complete, once it is indexed. */
    private record OwnBatch(List<Post<?>> posts, List<Object> writes) {
    }

    private final MessageStore store;
    private final Consumer<List<Post<?>>> deliver;
    private final Consumer<List<MessageStore.Arrived>> deliverArrived;
    /** How often to look for what other nodes stored; 0 on one node. */
    private final long catchUpEveryNanos;
    /** Told after each batch is stored (cluster mode: the other nodes get it). */
    private final Consumer<MessageStore.Batch> stored;
    private final IntConsumer batchSizes;
    private final Runnable prune;
    /**
     * Runs the prune, a platform thread of its own (SQLite's native calls): the prune's round
     * trips to the database would otherwise hold up storing, and, in a cluster, indexing.
     */
    private final ScheduledExecutorService pruner;
    private final ConsumerQueue<Object> queue = new ConsumerQueue<>(this::writeHere);
    /**
     * Held while taking from the queue and storing, by this writer's thread or by an
     * event loop in {@link #writeHere}: one of them at a time, so positions follow the queue.
     */
    private final ReentrantLock writing = new ReentrantLock();
    /** Held while indexing and delivering, which go in position order whichever thread does them. */
    private final Object indexLock = new Object();
    /** This node's stored batches not indexed yet, by first position; under {@link #indexLock}. */
    private final Map<Long, OwnBatch> waiting = new HashMap<>();
    /** When the oldest of {@link #waiting} stops waiting for notices; written under {@link #writing}. */
    private volatile long waitingUntil;
    /** A platform thread: the store's native calls (SQLite's) would hold a virtual thread's carrier. */
    private final Thread thread;
    private long nextPosition;
    private volatile boolean stopping;

    InboxWriter(MessageStore store, long nowMillis, Consumer<List<Post<?>>> deliver,
            Consumer<List<MessageStore.Arrived>> deliverArrived, long catchUpEveryNanos,
            Consumer<MessageStore.Batch> stored,
            IntConsumer batchSizes, Runnable prune, long pruneEveryNanos) {
        this.stored = stored;
        this.store = store;
        this.deliver = deliver;
        this.deliverArrived = deliverArrived;
        this.catchUpEveryNanos = catchUpEveryNanos;
        this.batchSizes = batchSizes;
        this.prune = prune;
        // Positions start past the stored ones and past the clock (in microseconds), so that ids
        // stay unique across restarts even of a store that forgot everything (in memory, pruned).
        this.nextPosition = Math.max(store.highestPosition(), nowMillis * 1000) + 1;
        this.thread = new Thread(this::run, "im-inbox-writer");
        thread.setDaemon(true);
        thread.start();
        CustomizableThreadFactory pruneThread = new CustomizableThreadFactory("im-inbox-prune");
        pruneThread.setDaemon(true);
        this.pruner = Executors.newSingleThreadScheduledExecutor(pruneThread);
        // The first prune comes first: what a restart read back from old files may be past retention.
        pruner.scheduleWithFixedDelay(this::pruneQuietly, 0, pruneEveryNanos, TimeUnit.NANOSECONDS);
    }

    <T> CompletableFuture<T> post(Post<T> post) {
        return enqueue(post, post.done);
    }

    CompletableFuture<Void> ack(MessageStore.CursorMove move) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        return enqueue(new Ack(move, done), done);
    }

    /**
     * Completes once what other nodes had stored by now is indexed and delivered here (at once
     * on one node, where there is nothing to catch up with).
     */
    CompletableFuture<Void> catchUp() {
        if (catchUpEveryNanos == 0) {
            return CompletableFuture.completedFuture(null);
        }
        return catchUp(null);
    }

    /**
     * The same, with a batch another node sent (null: none), which spares reading it back:
     * indexed and delivered right here when it is the next batch, else by the writer.
     */
    CompletableFuture<Void> catchUp(MessageStore.Batch sent) {
        if (sent != null && !stopping && indexedNow(sent)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        return enqueue(new CatchUp(sent, done), done);
    }

    /** Indexes and delivers {@code sent} on this thread if that needs no read of the store. */
    private boolean indexedNow(MessageStore.Batch sent) {
        try {
            synchronized (indexLock) {
                List<MessageStore.Indexed> indexed = store.catchUpIfNext(sent);
                if (indexed == null) {
                    return false;
                }
                deliver(indexed);
                return true;
            }
        } catch (RuntimeException e) {
            // The writer reads it from the store instead.
            return false;
        }
    }

    /** Stores and delivers what is queued, then stops the thread. */
    void close() throws InterruptedException {
        // A prune in progress ends first: the store closes after this.
        pruner.shutdown();
        pruner.awaitTermination(30, TimeUnit.SECONDS);
        stopping = true;
        queue.add(this);
        thread.join(TimeUnit.SECONDS.toMillis(30));
        // What came in as the writer stopped was never taken: it fails rather than waits forever.
        for (Object write = queue.poll(); write != null; write = queue.poll()) {
            if (write != this) {
                future(write).completeExceptionally(unavailable());
            }
        }
    }

    private <T> CompletableFuture<T> enqueue(Object write, CompletableFuture<T> done) {
        if (stopping) {
            done.completeExceptionally(unavailable());
        } else {
            queue.add(write);
        }
        return done;
    }

    private void run() {
        long nextCatchUp = System.nanoTime() + catchUpEveryNanos;
        while (true) {
            List<Object> batch = new ArrayList<>();
            try {
                long due = catchUpEveryNanos == 0 ? System.nanoTime() + IDLE_WAIT_NANOS : nextCatchUp;
                if (anyWaiting() && waitingUntil - due < 0) {
                    due = waitingUntil;
                }
                queue.await(due - System.nanoTime());
                writing.lock();
                try {
                    boolean waitedEnough = anyWaiting() && System.nanoTime() - waitingUntil >= 0;
                    if (catchUpEveryNanos > 0 && System.nanoTime() - nextCatchUp >= 0 || waitedEnough) {
                        catchUpQuietly(null);
                        nextCatchUp = System.nanoTime() + catchUpEveryNanos;
                        waitingUntil = System.nanoTime() + NOTICE_GRACE_NANOS;
                    }
                    queue.drainTo(batch, MAX_BATCH);
                    boolean last = batch.remove(this);
                    if (!batch.isEmpty()) {
                        write(batch);
                    }
                    if (last || stopping && queue.isEmpty()) {
                        stopWaiting();
                        return;
                    }
                } finally {
                    writing.unlock();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                failed(batch, e);
            }
        }
    }

    /**
     * At the end of an event loop's turn that posted while this writer waited: stores and
     * delivers the posts and acknowledgements queued, on the loop's thread, when the store's
     * next append only writes a local file and the writer is not busy. A message at a steady
     * rate then costs no wake-up of the writer, and its replies none of the loop
     * (docs/PERFORMANCE.md). True if nothing is left for the writer's thread.
     */
    private boolean writeHere() {
        if (stopping || !writing.tryLock()) {
            return false;
        }
        List<Object> batch = new ArrayList<>();
        try {
            if (!store.appendsQuickly()) {
                return false;
            }
            queue.drainTo(batch, MAX_BATCH, write -> write instanceof Post || write instanceof Ack);
            if (!batch.isEmpty()) {
                write(batch);
            }
            return queue.isEmpty();
        } catch (RuntimeException | Error e) {
            failed(batch, e);
            return false;
        } finally {
            writing.unlock();
        }
    }

    private static void failed(List<Object> batch, Throwable e) {
        log.error("The inbox writer failed; it goes on with the next batch", e);
        batch.forEach(write -> future(write).completeExceptionally(unavailable()));
    }

    /**
     * As the writer stops: batches still waiting for other nodes' are indexed if the store can
     * read those now, and completed either way, since they are stored.
     */
    private void stopWaiting() {
        if (anyWaiting()) {
            catchUpQuietly(null);
            synchronized (indexLock) {
                waiting.values().forEach(own -> own.writes().forEach(InboxWriter::complete));
                waiting.clear();
            }
        }
    }

    private boolean anyWaiting() {
        synchronized (indexLock) {
            return !waiting.isEmpty();
        }
    }

    private void write(List<Object> batch) {
        List<Post<?>> posts = new ArrayList<>(batch.size());
        // A client that keeps up acknowledges often: one move per device, to the furthest position.
        Map<String, MessageStore.CursorMove> moves = new LinkedHashMap<>();
        List<CatchUp> catchUps = new ArrayList<>();
        for (Object write : batch) {
            if (write instanceof CatchUp catchUp) {
                catchUps.add(catchUp);
            } else if (write instanceof Post<?> post) {
                if (post.entry == null) {
                    StoredMessage message = new StoredMessage(nextPosition++, post.draft.conversation(), post.senderKey,
                            post.senderDevice, post.sentAt, post.tail);
                    post.entry = new MessageStore.Entry(message, post.draft.inboxKeys(), post.encoded);
                }
                posts.add(post);
            } else {
                MessageStore.CursorMove move = ((Ack) write).move();
                moves.merge(move.userKey() + " " + move.device(), move,
                        (a, b) -> a.position() >= b.position() ? a : b);
            }
        }
        if (posts.isEmpty() && moves.isEmpty()) {
            boolean sentOnly = catchUps.stream().allMatch(catchUp -> catchUp.sent() != null);
            if (sentOnly) {
                catchUps.forEach(catchUp -> catchUpQuietly(catchUp.sent()));
            } else {
                catchUpQuietly(null);
            }
            catchUps.forEach(catchUp -> catchUp.done().complete(null));
            return;
        }
        long batchId = posts.isEmpty() ? nextPosition++ : posts.get(0).entry.message().position();
        MessageStore.Appended appended;
        try {
            appended = store.append(batchId, posts.stream().map(post -> post.entry).toList(), List.copyOf(moves.values()));
        } catch (RuntimeException failed) {
            if (batch.size() > 1 && !(failed instanceof DataAccessResourceFailureException)) {
                // One bad write must not fail the others: each again, on its own. Not when the
                // database cannot be reached: each would wait its connection timeout in turn.
                batch.forEach(write -> write(List.of(write)));
                return;
            }
            refusals.error("The message store refused a write", failed);
            batch.forEach(write -> future(write).completeExceptionally(unavailable()));
            return;
        }
        long first = appended.batch().first();
        long shift = first - batchId;
        if (shift != 0) {
            // A cluster's store gave the batch later positions: the messages move with it.
            posts.forEach(post -> post.entry = post.entry.shiftedBy(shift));
            nextPosition += shift;
        }
        stored.accept(appended.batch());
        batchSizes.accept(batch.size());
        synchronized (indexLock) {
            boolean noneWaited = waiting.isEmpty();
            waiting.put(first, new OwnBatch(posts, batch));
            deliver(store.index(appended).indexed());
            if (noneWaited && !waiting.isEmpty()) {
                waitingUntil = System.nanoTime() + NOTICE_GRACE_NANOS;
            }
        }
        // Batches other nodes sent that came after this one's positions.
        catchUps.stream().filter(catchUp -> catchUp.sent() != null).forEach(catchUp -> catchUpQuietly(catchUp.sent()));
    }

    /** Indexes and delivers what other nodes stored; a failure waits for the next look. */
    private void catchUpQuietly(MessageStore.Batch sent) {
        try {
            synchronized (indexLock) {
                deliver(sent == null ? store.catchUp() : store.catchUp(sent));
            }
        } catch (RuntimeException e) {
            refusals.error("Reading what other nodes stored failed; trying again", e);
        }
    }

    /**
     * Delivers what the store indexed, in position order: other nodes' messages, and this node's
     * batches, whose writes complete then. Each connection's writer starts once, with all its
     * lines queued. Under {@link #indexLock}.
     */
    private void deliver(List<MessageStore.Indexed> indexed) {
        if (indexed.isEmpty()) {
            return;
        }
        DeferredWakeups.batched(() -> {
            for (MessageStore.Indexed item : indexed) {
                if (item instanceof MessageStore.Arrived arrived) {
                    deliverArrived.accept(List.of(arrived));
                } else {
                    OwnBatch own = waiting.remove(((MessageStore.Own) item).first());
                    deliver.accept(own.posts());
                    own.writes().forEach(InboxWriter::complete);
                }
            }
        });
    }

    private static void complete(Object write) {
        if (write instanceof Post<?> post) {
            post.complete();
        } else {
            future(write).complete(null);
        }
    }

    /** How a write that cannot be stored ends: the client's ERR. */
    private static RequestRejected unavailable() {
        return new RequestRejected(ErrorCode.STORE_UNAVAILABLE, "messages cannot be stored now; try again later");
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Object> future(Object write) {
        CompletableFuture<?> done = write instanceof Post<?> post ? post.done
                : write instanceof Ack ack ? ack.done() : ((CatchUp) write).done();
        return (CompletableFuture<Object>) done;
    }

    private void pruneQuietly() {
        try {
            prune.run();
        } catch (RuntimeException | Error e) {
            // Caught whatever it is: anything thrown from here would end every later prune.
            log.warn("Pruning the inbox failed; trying again later: {}", e.toString());
        }
    }
}
