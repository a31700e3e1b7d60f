package im.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<byte[]> batches = new CopyOnWriteArrayList<>();
    /** A sink that keeps a copy of each batch: the outbox's buffer is the sink's again after the write. */
    private final Outbox.Sink recording = batch -> batches.add(copy(batch));
    private final AtomicInteger closes = new AtomicInteger();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void writesLinesInOrderWithLineBreaks() {
        Outbox outbox = new Outbox(1 << 20, Executors.newCachedThreadPool(), timer, recording,
                closes::incrementAndGet);
        for (int i = 0; i < 1000; i++) {
            outbox.send("line " + i);
        }
        await().until(() -> written().split("\n").length == 1000);
        assertThat(written().split("\n")).startsWith("line 0", "line 1").endsWith("line 999");
        assertThat(closes).hasValue(0);
    }

    @Test
    void linesQueuedWhileTheSocketIsBusyGoOutTogetherInOneWrite() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseSocket = new CountDownLatch(1);
        Outbox outbox = new Outbox(1 << 20, Executors.newCachedThreadPool(), timer, batch -> {
            batches.add(copy(batch));
            firstWriteStarted.countDown();
            awaitQuietly(releaseSocket);
        }, closes::incrementAndGet);
        outbox.send("first");
        firstWriteStarted.await();
        for (int i = 0; i < 100; i++) {
            outbox.send("queued " + i);
        }
        releaseSocket.countDown();
        await().until(() -> batches.size() == 2);
        assertThat(new String(batches.get(1), StandardCharsets.UTF_8).split("\n")).hasSize(100);
    }

    @Test
    void pastItsLimitAClientThatDoesNotReadGetsByeAndIsClosed() throws Exception {
        CountDownLatch neverReads = new CountDownLatch(1);
        Outbox outbox = new Outbox(4096, Executors.newCachedThreadPool(), timer, batch -> {
            batches.add(copy(batch));
            awaitQuietly(neverReads);
        }, closes::incrementAndGet);
        for (int i = 0; i < 200; i++) {
            outbox.send("x".repeat(100));
        }
        await().untilAsserted(() -> assertThat(closes.get()).isPositive());
        neverReads.countDown();
        await().until(() -> written().contains("BYE too slow"));
    }

    @Test
    void sendAndCloseClosesOnceTheLastLineIsWritten() {
        Outbox outbox = new Outbox(1 << 20, Executors.newCachedThreadPool(), timer, recording,
                closes::incrementAndGet);
        outbox.send("OK PONG");
        outbox.sendAndClose("OK BYE");
        outbox.send("dropped: the connection is closing");
        await().until(() -> closes.get() > 0);
        assertThat(written()).isEqualTo("OK PONG\nOK BYE\n");
    }

    @Test
    void aFailedWriteClosesTheConnection() {
        Outbox outbox = new Outbox(1 << 20, Executors.newCachedThreadPool(), timer, batch -> {
            throw new IllegalStateException("connection reset");
        }, closes::incrementAndGet);
        outbox.send("lost");
        await().until(() -> closes.get() == 1);
    }

    @Test
    void aSocketThatIsBackedUpGetsNoNextBatchAndNoCloseUntilItHasWrittenTheLast() throws Exception {
        AtomicReference<Runnable> whenWritten = new AtomicReference<>();
        AtomicBoolean backedUp = new AtomicBoolean(true);
        Outbox outbox = new Outbox(1 << 20, Runnable::run, timer, backedUpAfterFirstBatch(backedUp, whenWritten), closes::incrementAndGet);
        outbox.send("first");
        outbox.send("second");
        outbox.sendAndClose("BYE");
        assertThat(written()).isEqualTo("first\n");
        assertThat(outbox.awaitWritten(Duration.ofMillis(50))).isFalse();
        assertThat(closes).hasValue(0);

        backedUp.set(false);
        whenWritten.get().run();
        assertThat(written()).isEqualTo("first\nsecond\nBYE\n");
        assertThat(outbox.awaitWritten(Duration.ofMillis(50))).isTrue();
        assertThat(closes).hasValue(1);
    }

    @Test
    void whatRunsWhenWrittenRunsAtOnceWithNothingQueuedAndOtherwiseOnceTheLastLineIsOut() {
        AtomicReference<Runnable> continueWriting = new AtomicReference<>();
        AtomicBoolean backedUp = new AtomicBoolean(true);
        Outbox outbox = new Outbox(1 << 20, Runnable::run, timer, backedUpAfterFirstBatch(backedUp, continueWriting), closes::incrementAndGet);
        AtomicInteger ran = new AtomicInteger();
        outbox.whenWritten(ran::incrementAndGet);
        assertThat(ran).as("nothing queued").hasValue(1);

        outbox.send("first");
        outbox.send("last reply");
        outbox.whenWritten(ran::incrementAndGet);
        assertThat(ran).as("the socket has taken only the first line").hasValue(1);

        backedUp.set(false);
        continueWriting.get().run();
        assertThat(written()).isEqualTo("first\nlast reply\n");
        assertThat(ran).hasValue(2);
        assertThat(closes).hasValue(0);
    }

    @Test
    void whatRunsWhenWrittenRunsOnceAfterTheCloseGraceForAClientThatNeverReads() throws Exception {
        CountDownLatch neverReads = new CountDownLatch(1);
        Outbox outbox = new Outbox(1 << 20, Executors.newCachedThreadPool(), timer, batch -> awaitQuietly(neverReads),
                closes::incrementAndGet);
        AtomicInteger ran = new AtomicInteger();
        outbox.send("never read");
        outbox.whenWritten(ran::incrementAndGet);
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 1);
        neverReads.countDown();
        assertThat(outbox.awaitWritten(Duration.ofSeconds(5))).isTrue();
        assertThat(ran).as("once, not again when the line finally goes").hasValue(1);
    }

    /** A sink that records batches and, after the first, is backed up while {@code backedUp}; {@code next} goes on. */
    private Outbox.Sink backedUpAfterFirstBatch(AtomicBoolean backedUp, AtomicReference<Runnable> next) {
        return new Outbox.Sink() {
            @Override
            public void write(ByteBuffer batch) {
                batches.add(copy(batch));
            }

            @Override
            public boolean backedUp(Runnable continueWriting) {
                if (batches.isEmpty() || !backedUp.get()) {
                    return false;
                }
                next.set(continueWriting);
                return true;
            }
        };
    }

    private static byte[] copy(ByteBuffer batch) {
        byte[] bytes = new byte[batch.remaining()];
        batch.get(bytes);
        return bytes;
    }

    private String written() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        batches.forEach(all::writeBytes);
        return all.toString(StandardCharsets.UTF_8);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
