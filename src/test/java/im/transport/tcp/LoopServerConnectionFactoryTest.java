package im.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

/**
 * The event-loop transport on its own, over real sockets: order, the pause that pushes back on
 * a client, the end of input, and a write the socket cannot take at once.
 */
class LoopServerConnectionFactoryTest {

    private static final int MAX_LINE_BYTES = 64;

    private final List<Object> lines = new CopyOnWriteArrayList<>();
    private final AtomicReference<LoopConnection> connection = new AtomicReference<>();
    private final AtomicBoolean mayRead = new AtomicBoolean(true);
    private final CountDownLatch endOfInput = new CountDownLatch(1);
    private final CountDownLatch removed = new CountDownLatch(1);
    private LoopServerConnectionFactory factory;

    @BeforeEach
    void start() {
        factory = new LoopServerConnectionFactory(0, 1, MAX_LINE_BYTES);
        factory.setTaskExecutor(Executors.newCachedThreadPool());
        factory.setLocalAddress("127.0.0.1");
        factory.setTaskScheduler(new SimpleAsyncTaskScheduler());
        factory.setApplicationEventPublisher(event -> { });
        factory.registerListener(message -> {
            Object line = message.getPayload();
            lines.add(line);
            if ("PAUSE".equals(line)) {
                mayRead.set(false);
                connection.get().pauseReading(mayRead::get);
            }
        });
        factory.registerSender(new TcpSender() {
            @Override
            public void addNewConnection(TcpConnection added) {
                LoopConnection loopConnection = (LoopConnection) added;
                loopConnection.atEndOfInput(close -> {
                    endOfInput.countDown();
                    close.run();
                });
                connection.set(loopConnection);
            }

            @Override
            public void removeDeadConnection(TcpConnection dead) {
                removed.countDown();
            }
        });
        factory.start();
        await().until(factory::isListening);
    }

    @AfterEach
    void stop() {
        factory.stop();
    }

    @Test
    void linesArriveInOrderHoweverTheBytesAreCut() throws IOException {
        try (Socket client = connect()) {
            OutputStream out = client.getOutputStream();
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 5000; i++) {
                all.append("line ").append(i).append(i % 3 == 0 ? "\r\n" : "\n");
            }
            byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
            for (int at = 0; at < bytes.length; at += 7001) {
                out.write(bytes, at, Math.min(7001, bytes.length - at));
                out.flush();
            }
            out.write(("x".repeat(MAX_LINE_BYTES + 1) + "\nlast\n").getBytes(StandardCharsets.UTF_8));
            await().until(() -> lines.size() == 5002);
        }
        assertThat(lines.subList(0, 5000)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 5000).mapToObj(i -> "line " + i).toList());
        assertThat(lines.subList(5000, 5002)).containsExactly(LineTooLong.INSTANCE, "last");
    }

    @Test
    void aPausedConnectionHandsOnNothingUntilItMayReadAgainThenEverythingInOrder() throws IOException {
        try (Socket client = connect()) {
            OutputStream out = client.getOutputStream();
            // One write: the lines after PAUSE arrive in the same read and must be held back.
            out.write("one\nPAUSE\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8));
            await().until(() -> lines.contains("PAUSE"));
            out.write("four\n".getBytes(StandardCharsets.UTF_8));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> lines.equals(List.of("one", "PAUSE")));

            connection.get().resumeReading();
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> lines.equals(List.of("one", "PAUSE")));
            mayRead.set(true);
            connection.get().resumeReading();
            await().until(() -> lines.size() == 5);
        }
        assertThat(lines).containsExactly("one", "PAUSE", "two", "three", "four");
    }

    @Test
    void theEndOfInputHandsOnAnUnterminatedLastLineThenRunsTheHookThenCloses() throws Exception {
        try (Socket client = connect()) {
            client.getOutputStream().write("PING\nQUIT".getBytes(StandardCharsets.UTF_8));
            client.shutdownOutput();
            assertThat(endOfInput.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(removed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(lines).containsExactly("PING", "QUIT");
    }

    @Test
    void aBatchTheSocketCannotTakeAtOnceWaitsInTheConnectionAndArrivesWhole() throws Exception {
        try (Socket client = connect()) {
            await().until(() -> connection.get() != null);
            LoopConnection server = connection.get();
            // More than the kernel buffers of both ends hold (tcp_wmem and tcp_rmem allow a few MB each).
            byte[] batch = new byte[64 * 1024 * 1024];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = (byte) ('a' + i % 26);
            }
            server.send(new GenericMessage<>(ByteBuffer.wrap(batch)));
            CountDownLatch written = new CountDownLatch(1);
            assertThat(server.backedUp(written::countDown)).as("64 MB fit in no socket buffers").isTrue();

            byte[] received = readFully(client.getInputStream(), batch.length);
            assertThat(received).isEqualTo(batch);
            assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(server.backedUp(() -> { })).isFalse();
        }
    }

    @Test
    void aBatchSentFromTheLoopAsTheLastOneIsWrittenAlsoWaitsForTheSocketAndArrivesWhole() throws Exception {
        try (Socket client = connect()) {
            await().until(() -> connection.get() != null);
            LoopConnection server = connection.get();
            byte[] first = filled(64 * 1024 * 1024, 'a');
            byte[] second = filled(64 * 1024 * 1024, 'A');
            server.send(new GenericMessage<>(ByteBuffer.wrap(first)));
            // As the outbox does: the next batch goes from the loop, once the last one is out;
            // the part of it the socket does not take must get the loop's attention by itself.
            assertThat(server.backedUp(() -> server.send(new GenericMessage<>(ByteBuffer.wrap(second))))).isTrue();

            assertThat(readFully(client.getInputStream(), first.length)).isEqualTo(first);
            assertThat(readFully(client.getInputStream(), second.length)).isEqualTo(second);
        }
    }

    @Test
    void batchesMadeInTheLoopsOneBufferArriveAsTheyWereWhenTheSocketKeepsPartOfOne() throws Exception {
        try (Socket client = connect()) {
            await().until(() -> connection.get() != null);
            LoopConnection server = connection.get();
            CountDownLatch written = new CountDownLatch(1);
            CompletableFuture<byte[]> sent = new CompletableFuture<>();
            // As the outbox does, on the loop: each batch made in the loop's buffer, written, and
            // the buffer reused for the next, until the socket keeps part of one (the client is
            // not reading yet); then the buffer is overwritten once more.
            server.writers(null).execute(() -> {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int i = 0; !server.backedUp(written::countDown); i++) {
                    byte[] batch = filled(Outbox.MAX_BATCH_BYTES - 7, (char) ('a' + i % 26));
                    ByteBuffer buffer = server.batchBuffer(batch.length);
                    server.send(new GenericMessage<>(buffer.put(batch).flip()));
                    all.writeBytes(batch);
                }
                server.batchBuffer(Outbox.MAX_BATCH_BYTES).put(filled(Outbox.MAX_BATCH_BYTES, '#'));
                sent.complete(all.toByteArray());
            });
            byte[] expected = sent.get(30, TimeUnit.SECONDS);

            assertThat(readFully(client.getInputStream(), expected.length)).isEqualTo(expected);
            assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theLoopsBufferIsLentOnTheLoopOnly() throws Exception {
        try (Socket client = connect()) {
            await().until(() -> connection.get() != null);
            assertThatThrownBy(() -> connection.get().batchBuffer(10)).isInstanceOf(IllegalStateException.class);
        }
    }

    private static byte[] filled(int length, char from) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (from + i % 26);
        }
        return bytes;
    }

    private Socket connect() throws IOException {
        Socket client = new Socket();
        client.connect(new InetSocketAddress("127.0.0.1", factory.getPort()));
        client.setSoTimeout(10_000);
        return client;
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream(length);
        byte[] chunk = new byte[65536];
        while (all.size() < length) {
            int read = in.read(chunk, 0, Math.min(chunk.length, length - all.size()));
            if (read < 0) {
                break;
            }
            all.write(chunk, 0, read);
        }
        return all.toByteArray();
    }
}
