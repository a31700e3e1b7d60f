package im.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConsumerQueueTest {

    private final ConsumerQueue<Integer> queue = new ConsumerQueue<>();

    @Test
    void aWaitingConsumerGetsEveryItemOfManyProducersInEachOnesOrder() throws Exception {
        int producers = 4;
        int each = 50_000;
        CompletableFuture<Void> adding = startProducers(producers, p -> {
            for (int i = 0; i < each; i++) {
                queue.add(p * each + i);
            }
        });
        int[] lastOf = new int[producers];
        Arrays.fill(lastOf, -1);
        for (int taken = 0; taken < producers * each; taken++) {
            Integer item = queue.poll(TimeUnit.SECONDS.toNanos(10));
            assertThat(item).as("item %d", taken).isNotNull();
            int producer = item / each;
            assertThat(item % each).isGreaterThan(lastOf[producer]);
            lastOf[producer] = item % each;
        }
        adding.join();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aConsumerWaitingLongIsWokenByAnAdd() throws Exception {
        CompletableFuture<Integer> taken = waitingOn(() -> queue.poll(TimeUnit.MINUTES.toNanos(5)));
        queue.add(7);
        assertThat(taken.get(10, TimeUnit.SECONDS)).isEqualTo(7);
    }

    @Test
    void anEmptyQueueGivesNullAfterTheWait() throws Exception {
        assertThat(queue.poll(TimeUnit.MILLISECONDS.toNanos(20))).isNull();
        assertThat(queue.poll(0)).isNull();
        assertThat(queue.poll()).isNull();
    }

    @Test
    void anInterruptedWaitThrows() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> queue.poll(TimeUnit.MINUTES.toNanos(5))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void drainingMovesAtMostTheGivenNumberInOrder() {
        IntStream.range(0, 5).forEach(queue::add);
        List<Integer> into = new ArrayList<>();
        queue.drainTo(into, 3);
        assertThat(into).containsExactly(0, 1, 2);
        queue.drainTo(into, 10);
        assertThat(into).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void drainingWithATestStopsAtTheFirstItemItRefusesAndLeavesIt() {
        IntStream.of(2, 4, 5, 6).forEach(queue::add);
        List<Integer> into = new ArrayList<>();
        queue.drainTo(into, 10, item -> item % 2 == 0);
        assertThat(into).containsExactly(2, 4);
        assertThat(queue.poll()).isEqualTo(5);
    }

    @Test
    void awaitingAnItemTakesNone() throws Exception {
        assertThat(queue.await(TimeUnit.MILLISECONDS.toNanos(20))).isFalse();
        CompletableFuture<Boolean> waited = waitingOn(() -> queue.await(TimeUnit.MINUTES.toNanos(5)));
        queue.add(9);
        assertThat(waited.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.poll()).isEqualTo(9);
    }

    @Test
    void aBatchedCallTakesWhatItAddedItselfInsteadOfWakingTheConsumer() throws Exception {
        List<Integer> takenHere = new CopyOnWriteArrayList<>();
        AtomicReference<ConsumerQueue<Integer>> itself = new AtomicReference<>();
        ConsumerQueue<Integer> taking = new ConsumerQueue<>(() -> {
            itself.get().drainTo(takenHere, 100);
            return true;
        });
        itself.set(taking);
        CompletableFuture<Boolean> consumer = waitingOn(() -> taking.await(TimeUnit.MILLISECONDS.toNanos(500)));
        await().atMost(Duration.ofSeconds(10)).until(() -> takingWaits(consumer));
        DeferredWakeups.batched(() -> {
            taking.add(1);
            taking.add(2);
            assertThat(takenHere).isEmpty();
        });
        assertThat(takenHere).containsExactly(1, 2);
        assertThat(consumer.get(10, TimeUnit.SECONDS)).as("the consumer found nothing left").isFalse();
    }

    /** Whether the consumer has started waiting (a thread of the common pool, parked in await). */
    private static boolean takingWaits(CompletableFuture<Boolean> consumer) {
        return !consumer.isDone() && Thread.getAllStackTraces().entrySet().stream().anyMatch(thread ->
                thread.getKey().getState() == Thread.State.TIMED_WAITING && Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getMethodName().equals("await")
                                && frame.getClassName().equals(ConsumerQueue.class.getName())));
    }

    @Test
    void whatABatchedCallAddsWakesTheConsumerOnceWhenTheCallEnds() throws Exception {
        List<List<Integer>> taken = new CopyOnWriteArrayList<>();
        Thread consumer = new Thread(() -> takeBatches(taken, 3), "consumer");
        consumer.setDaemon(true);
        consumer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getState() == Thread.State.TIMED_WAITING);
        DeferredWakeups.batched(() -> {
            queue.add(1);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(taken::isEmpty);
            queue.add(2);
            queue.add(3);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !taken.isEmpty());
        assertThat(taken).containsExactly(List.of(1, 2, 3));
        consumer.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Test
    void noItemWaitsForAWakeWhenProducersAddInBatchedCallsAndOutsideThemAtOnce() throws Exception {
        int producers = 4;
        int each = 40_000;
        CompletableFuture<Void> adding = startProducers(producers, p -> {
            for (int i = 0; i < each; i += 10) {
                int from = p * each + i;
                Runnable ten = () -> IntStream.range(from, from + 10).forEach(queue::add);
                if (p % 2 == 0) {
                    DeferredWakeups.batched(ten);
                } else {
                    ten.run();
                }
            }
        });
        for (int count = 0; count < producers * each; count++) {
            assertThat(queue.poll(TimeUnit.SECONDS.toNanos(10))).as("item %d", count).isNotNull();
        }
        adding.join();
        assertThat(queue.isEmpty()).isTrue();
    }

    /** A wait that may be interrupted, as the queue's are. */
    private interface Wait<V> {
        V get() throws InterruptedException;
    }

    /** Runs {@code wait} on another thread. */
    private static <V> CompletableFuture<V> waitingOn(Wait<V> wait) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return wait.get();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Runs {@code producer} for each of {@code count} producers (0, 1, ...) at once; completes when all are done. */
    private static CompletableFuture<Void> startProducers(int count, IntConsumer producer) {
        return CompletableFuture.allOf(IntStream.range(0, count)
                .mapToObj(p -> CompletableFuture.runAsync(() -> producer.accept(p)))
                .toArray(CompletableFuture[]::new));
    }

    /** Takes batches as the inbox's writer does (one item waited for, then what else is there) until {@code items}. */
    private void takeBatches(List<List<Integer>> into, int items) {
        try {
            for (int count = 0; count < items; ) {
                Integer first = queue.poll(TimeUnit.MINUTES.toNanos(1));
                if (first == null) {
                    return;
                }
                List<Integer> batch = new ArrayList<>(List.of(first));
                queue.drainTo(batch, 100);
                into.add(batch);
                count += batch.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
