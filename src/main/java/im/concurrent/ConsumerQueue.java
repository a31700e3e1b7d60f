package im.concurrent;

import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A queue that many threads add to and one thread takes from, waiting when it is empty. Unlike
 * a {@code LinkedBlockingQueue}, adding takes no lock and wakes the consumer only when it is
 * waiting, where a {@code LinkedBlockingQueue} takes a lock and signals for every message
 * (docs/performance-log.md has what that cost in front of the inbox's writer).
 *
 * <p>A queue made with a {@code takeHere} may be drained by the adding thread itself at the end
 * of its {@link DeferredWakeups#batched} call, instead of waking the consumer: then the consumer
 * and {@code takeHere} must take items under one lock of their own, and the consumer waits with
 * {@link #await} rather than {@link #poll(long)}, so that it takes nothing before it holds it.
 */
public final class ConsumerQueue<T> {

    private final Queue<T> items = new ConcurrentLinkedQueue<>();
    private volatile Thread waiting;
    /** True while a wake is deferred to the end of some thread's {@link DeferredWakeups#batched} call. */
    private final AtomicBoolean wakeDeferred = new AtomicBoolean();
    private final Runnable wake = this::wakeDeferred;
    /** Takes what is queued on the adding thread instead of waking the consumer; true if it left nothing. */
    private final BooleanSupplier takeHere;

    public ConsumerQueue() {
        this(() -> false);
    }

    /** A queue whose adding threads may take its items themselves (see above). */
    public ConsumerQueue(BooleanSupplier takeHere) {
        this.takeHere = takeHere;
    }

    /**
     * Adds an item. Inside {@link DeferredWakeups#batched} (an event loop's turn) the consumer is
     * woken once, when the call returns, for everything added meanwhile: it then takes them as
     * one batch instead of waking for the first and finding one.
     */
    public void add(T item) {
        items.add(item);
        // After the add (a full fence): a consumer that read the queue as empty has set waiting
        // before it read, so one of the two sees the other.
        Thread consumer = waiting;
        if (consumer == null) {
            return;
        }
        if (wakeDeferred.get()) {
            // A wake to come (this thread's or another's) resets the flag after this add, then wakes.
            return;
        }
        if (wakeDeferred.compareAndSet(false, true)) {
            if (DeferredWakeups.defer(wake)) {
                return;
            }
            wakeDeferred.set(false);
        }
        LockSupport.unpark(consumer);
    }

    private void wakeDeferred() {
        wakeDeferred.set(false);
        if (takeHere.getAsBoolean()) {
            return;
        }
        Thread consumer = waiting;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }

    /** The next item, or null. */
    public T poll() {
        return items.poll();
    }

    /**
     * The next item, waiting at most {@code nanos} for one; null if none came. Only the one
     * consumer thread may call it.
     */
    public T poll(long nanos) throws InterruptedException {
        return await(nanos) ? items.poll() : null;
    }

    /**
     * Waits at most {@code nanos} for an item and takes none; true if there is one. Only the one
     * consumer thread may call it.
     */
    public boolean await(long nanos) throws InterruptedException {
        if (!items.isEmpty() || nanos <= 0) {
            return !items.isEmpty();
        }
        long deadline = System.nanoTime() + nanos;
        waiting = Thread.currentThread();
        try {
            while (items.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return true;
        } finally {
            waiting = null;
        }
    }

    /** Moves up to {@code max} items to {@code into}, in order. */
    public void drainTo(Collection<? super T> into, int max) {
        drainTo(into, max, item -> true);
    }

    /**
     * Moves up to {@code max} items to {@code into}, in order, up to the first that {@code takes}
     * refuses, which stays. Only one thread at a time may take items.
     */
    public void drainTo(Collection<? super T> into, int max, Predicate<? super T> takes) {
        for (int moved = 0; moved < max; moved++) {
            T item = items.peek();
            if (item == null || !takes.test(item)) {
                return;
            }
            into.add(items.poll());
        }
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
