package im.transport.tcp;

import im.concurrent.DeferredWakeups;
import im.concurrent.MustNotBlock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread: it reads every connection registered with it when bytes arrive, frames
 * them and hands the lines on (to each connection's command queue, which keeps them in order),
 * and finishes writes a socket could not take at once. Nothing it runs may block.
 */
final class EventLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
    /** One read per connection per turn, of at most this: a busy client cannot starve the others. */
    private static final int READ_BYTES = 64 * 1024;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BYTES);
    /** What {@link #batchBuffer} lends: direct, so that the socket takes it without a copy of its own. */
    private final ByteBuffer batchBuffer = ByteBuffer.allocateDirect(Outbox.MAX_BATCH_BYTES);
    private final Runnable turn = this::turn;
    private volatile boolean running = true;

    EventLoop(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * A buffer for an outbox batch of {@code size} bytes, on the loop thread: the same one for
     * every batch of the loop's connections, since each is written on this thread before the
     * next is made, and the socket keeps a copy of what it does not take at once
     * ({@link LoopConnection#send}). A new array per batch was half of what the loop allocated
     * at W1, and a heap buffer is copied again by the JDK into a direct one before every write.
     */
    ByteBuffer batchBuffer(int size) {
        if (!inLoop()) {
            throw new IllegalStateException("the loop's batch buffer is for its own thread");
        }
        return size <= batchBuffer.capacity() ? batchBuffer.clear() : ByteBuffer.allocate(size);
    }

    /** Runs {@code task} on the loop thread, soon; any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        MustNotBlock.thisThread();
        try {
            while (running) {
                selector.select();
                wakeupPending.set(false);
                // The messages of a turn reach the inbox's writer as one batch, woken once.
                DeferredWakeups.batched(turn);
                // What the turn queued here (a reply's writer) runs before the next wait.
                runTasks();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                log.error("Event loop {} failed; its connections are closed", thread.getName(), e);
            }
        } finally {
            closeAll();
        }
    }

    private void turn() {
        runTasks();
        for (SelectionKey key : selector.selectedKeys()) {
            handle(key);
        }
        selector.selectedKeys().clear();
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Event loop task failed", e);
            }
        }
    }

    private void handle(SelectionKey key) {
        LoopConnection connection = (LoopConnection) key.attachment();
        try {
            if (key.isWritable()) {
                connection.writable();
            }
            if (key.isValid() && key.isReadable()) {
                connection.readable(readBuffer);
            }
        } catch (CancelledKeyException closed) {
            // Closed by another thread meanwhile: nothing left to do for it.
        } catch (RuntimeException e) {
            log.error("Connection {} failed in the event loop; closing it", connection.getConnectionId(), e);
            connection.close();
        }
    }

    private void closeAll() {
        try {
            for (SelectionKey key : selector.keys()) {
                ((LoopConnection) key.attachment()).close();
            }
            selector.close();
        } catch (IOException | ClosedSelectorException e) {
            log.debug("Closing event loop {}: {}", thread.getName(), e.toString());
        }
    }
}
