package im.concurrent;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on threads borrowed from a shared executor.
 * One per connection keeps a client's commands in order while the socket's reader thread
 * goes straight back to reading.
 */
public final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor workers;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    public SerialExecutor(Executor workers) {
        this.workers = workers;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            workers.execute(this::drain);
        }
    }

    /**
     * True if no task is queued or running. Meant for the thread that submits a connection's
     * commands: nothing of its own can be submitted meanwhile, and the last task's effects are
     * visible to it. (The connection's end is submitted from elsewhere and may start meanwhile.)
     */
    public boolean isIdle() {
        return pending.get() == 0;
    }

    private void drain() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("Task failed; the queue goes on with the next one", e);
            }
        } while (pending.decrementAndGet() > 0);
    }
}
