package im.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ThreadsTest {

    @Test
    void shortTasksRunOnThreadsOfOneNameWithVirtualThreadsAndNumberedOnesWithout() throws Exception {
        Executor executor = Threads.forShortTasks("im-test", 4);
        for (int task = 0; task < 2; task++) {
            CompletableFuture<Thread> ranOn = new CompletableFuture<>();
            executor.execute(() -> ranOn.complete(Thread.currentThread()));
            Thread thread = ranOn.get(10, TimeUnit.SECONDS);
            assertThat(thread.isDaemon()).isTrue();
            if (Threads.virtualThreadsAvailable()) {
                assertThat(thread.getName()).isEqualTo("im-test");
            } else {
                assertThat(thread.getName()).startsWith("im-test-");
            }
        }
    }

    @Test
    void onJava17AtMostTheGivenNumberOfThreadsRunShortTasksAndTheOthersWait() throws Exception {
        Assumptions.assumeFalse(Threads.virtualThreadsAvailable(), "Java 21+ runs each on a virtual thread");
        Executor executor = Threads.forShortTasks("im-bounded", 2);
        CountDownLatch release = new CountDownLatch(1);
        Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(50);
        for (int task = 0; task < 50; task++) {
            executor.execute(() -> {
                ranOn.add(Thread.currentThread());
                awaitQuietly(release);
                done.countDown();
            });
        }
        await().until(() -> ranOn.size() == 2);
        release.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOn).hasSize(2);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
