package im.concurrent;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Executors for blocking work: a virtual thread per task on Java 21+; on Java 17, pools of
 * daemon platform threads (creating a thread per task would cost more than the task).
 */
public final class Threads {

    private Threads() {
    }

    static boolean virtualThreadsAvailable() {
        return Runtime.version().feature() >= 21;
    }

    public static Executor forBlockingTasks(String namePrefix) {
        return virtualThreadsAvailable() ? virtualThreadPerTask(new SimpleAsyncTaskExecutor(namePrefix))
                : Executors.newCachedThreadPool(daemonThreads(namePrefix));
    }

    /**
     * For many short tasks (a connection's commands, its outbox writer): on Java 21+ a virtual
     * thread each, all with the one name, without a number, since numbering them costs a counter
     * and a string per task (docs/performance-log.md); on Java 17 at most {@code maxThreads}
     * platform threads, the other tasks queued, so that thousands of connections that end or log
     * in at once never make a thread each.
     */
    public static Executor forShortTasks(String name, int maxThreads) {
        SimpleAsyncTaskExecutor unnumbered = new SimpleAsyncTaskExecutor(name) {
            @Override
            protected String nextThreadName() {
                return getThreadNamePrefix();
            }
        };
        if (virtualThreadsAvailable()) {
            return virtualThreadPerTask(unnumbered);
        }
        ThreadPoolExecutor bounded = new ThreadPoolExecutor(maxThreads, maxThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(name + "-"));
        bounded.allowCoreThreadTimeOut(true);
        return bounded;
    }

    private static Executor virtualThreadPerTask(SimpleAsyncTaskExecutor executor) {
        executor.setVirtualThreads(true);
        return executor;
    }

    public static ExecutorService fixedPool(String namePrefix, int threads) {
        return Executors.newFixedThreadPool(threads, daemonThreads(namePrefix));
    }

    /**
     * A fixed pool whose threads run only on CPU time nobody else wants ({@link IdleCpuPriority}),
     * for heavy work that must not delay the rest: password hashing.
     */
    public static ExecutorService fixedIdlePriorityPool(String namePrefix, int threads) {
        CustomizableThreadFactory factory = daemonThreads(namePrefix);
        ThreadFactory lowered = work -> factory.newThread(() -> {
            IdleCpuPriority.lowerCurrentThread();
            work.run();
        });
        return Executors.newFixedThreadPool(threads, lowered);
    }

    /** One daemon thread that runs timed tasks (keep-alive sweeps, deadlines). */
    public static ScheduledExecutorService timer(String name) {
        return Executors.newSingleThreadScheduledExecutor(daemonThreads(name));
    }

    private static CustomizableThreadFactory daemonThreads(String namePrefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(namePrefix);
        factory.setDaemon(true);
        return factory;
    }
}
