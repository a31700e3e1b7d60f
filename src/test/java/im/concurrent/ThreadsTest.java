package im.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadsTest {

    @Test
    void shortTasksRunOnThreadsOfOneNameWithVirtualThreadsAndNumberedOnesWithout() throws Exception {
        Executor executor = Threads.forShortTasks("im-test");
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
}
