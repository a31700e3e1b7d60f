package im.transport.tcp;

import im.concurrent.DeferredWakeups;
import im.concurrent.Waiting;
import im.protocol.Events;
import im.session.Outbound;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bounded queue of lines waiting to be written to one client, and its writer. Queueing
 * never blocks the caller: one writer task at a time drains the queue in batches, so a
 * client that does not read only ever stalls its own writer. Past {@code maxBytes} the
 * client gets what fits of a {@code BYE} and the connection is closed.
 */
final class Outbox implements Outbound {

    static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    static final int MAX_BATCH_BYTES = 64 * 1024;
    private static final String SLOW_CONSUMER_BYE = Events.bye("too slow: outbound buffer full");

    private final long maxBytes;
    private final Executor writers;
    private final ScheduledExecutorService timer;
    private final Sink socket;
    private final Runnable closer;
    /** Starts a writer task: made once, since every first line after a pause needs one. */
    private final Runnable startWriter;
    /** Goes on writing once the socket has taken a batch it could not take at once. */
    private final Runnable continueWriting = this::writeQueued;

    /**
     * Lines without their line break, which {@link #takeBatch} adds as it copies them into one
     * write. Sized for an idle connection, whose queue is empty: it grows when lines pile up.
     */
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>(1);
    /** Bytes queued, line breaks included. */
    private long queuedBytes;
    private boolean writing;
    private boolean closing;
    /** Runs once the queue is written ({@link #whenWritten}), or null. */
    private Runnable afterWritten;

    /** Where the batches go: one at a time, from the one running writer. */
    interface Sink {

        /** A buffer to copy the next batch of {@code size} bytes into; its writer's thread only. */
        default ByteBuffer buffer(int size) {
            return ByteBuffer.allocate(size);
        }

        /**
         * Writes one batch (from its position to its limit), or what of it the socket takes now
         * if it never blocks. The buffer is the sink's again once this returns.
         */
        void write(ByteBuffer batch);

        /**
         * True if the socket still holds bytes of the last batch: the writer then stops, and
         * {@code whenWritten} goes on once they are out.
         */
        default boolean backedUp(Runnable whenWritten) {
            return false;
        }
    }

    Outbox(long maxBytes, Executor writers, ScheduledExecutorService timer, Sink socket, Runnable closer) {
        this.maxBytes = maxBytes;
        this.writers = writers;
        this.startWriter = () -> writers.execute(this::writeQueued);
        this.timer = timer;
        this.socket = socket;
        this.closer = closer;
    }

    @Override
    public void send(String line) {
        offer(line, false);
    }

    @Override
    public void sendAndClose(String lastLine) {
        offer(lastLine, true);
    }

    @Override
    public boolean awaitDrained(Duration max) {
        try {
            return awaitWritten(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code then} once everything queued so far has been written, on the writer's thread,
     * or after the close grace at the latest (a client that does not read); once either way.
     */
    void whenWritten(Runnable then) {
        AtomicBoolean ran = new AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                then.run();
            }
        };
        synchronized (this) {
            if (writing || !queue.isEmpty()) {
                afterWritten = once;
                timer.schedule(once, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
        }
        once.run();
    }

    /** Waits until everything queued so far has been written, or the time is up. */
    synchronized boolean awaitWritten(Duration max) throws InterruptedException {
        return Waiting.until(this, () -> !writing && queue.isEmpty(), max);
    }

    private void offer(String line, boolean last) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (closing) {
                return;
            }
            if (!last && queuedBytes + bytes.length + 1 > maxBytes) {
                // What is queued would never arrive in time; the BYE goes next, in case it still can.
                queue.clear();
                queuedBytes = 0;
                bytes = SLOW_CONSUMER_BYE.getBytes(StandardCharsets.US_ASCII);
                last = true;
            }
            queue.add(bytes);
            queuedBytes += bytes.length + 1;
            closing = last;
            if (writing) {
                bytes = null;
            }
            writing = true;
        }
        if (last) {
            // A client that does not read would never let the last line through.
            timer.schedule(closer, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (bytes != null && !DeferredWakeups.defer(startWriter)) {
            startWriter.run();
        }
    }

    private void writeQueued() {
        while (true) {
            if (socket.backedUp(continueWriting)) {
                // Still "writing": nothing else starts a writer, and awaitWritten waits on.
                return;
            }
            ByteBuffer batch = null;
            Runnable written = null;
            boolean close = false;
            synchronized (this) {
                if (queue.isEmpty()) {
                    writing = false;
                    notifyAll();
                    written = afterWritten;
                    afterWritten = null;
                    close = closing;
                } else {
                    batch = takeBatch();
                }
            }
            if (batch == null) {
                if (written != null) {
                    written.run();
                }
                if (close) {
                    closer.run();
                }
                return;
            }
            try {
                socket.write(batch);
            } catch (RuntimeException writeFailed) {
                synchronized (this) {
                    closing = true;
                    queue.clear();
                    queuedBytes = 0;
                    writing = false;
                    notifyAll();
                }
                closer.run();
                return;
            }
        }
    }

    /** The first queued line and as many more as fit in one write, each with its line break. */
    private ByteBuffer takeBatch() {
        int size = 0;
        int count = 0;
        for (byte[] next : queue) {
            if (count > 0 && size + next.length + 1 > MAX_BATCH_BYTES) {
                break;
            }
            size += next.length + 1;
            count++;
        }
        ByteBuffer batch = socket.buffer(size);
        for (int i = 0; i < count; i++) {
            byte[] next = queue.poll();
            queuedBytes -= next.length + 1;
            batch.put(next).put((byte) '\n');
        }
        return batch.flip();
    }
}
