package im.fuzz;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends fuzz lines over several connections (reconnecting when the server closes one, as it
 * should after QUIT or too many bad commands) while a probe connection checks every 200 ms
 * that the server still answers {@code PING}. Without Spring: it runs from the jar or a test.
 */
public final class Fuzzer {

    private static final int LINES_PER_WRITE = 32;
    private static final int PROBE_TIMEOUT_MILLIS = 10_000;

    private final String host;
    private final int port;
    private final int connections;
    private final long lines;
    private final long seed;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong probeFailures = new AtomicLong();
    private final AtomicLong slowestProbeMillis = new AtomicLong();
    private volatile boolean done;

    public Fuzzer(String host, int port, int connections, long lines, long seed) {
        this.host = host;
        this.port = port;
        this.connections = connections;
        this.lines = lines;
        this.seed = seed;
    }

    public record Result(long linesSent, long linesReceived, long connectionsOpened, long probes, long probeFailures,
            long slowestProbeMillis, boolean serverUpAfterwards) {

        public boolean passed() {
            return probeFailures == 0 && probes > 0 && serverUpAfterwards;
        }

        @Override
        public String toString() {
            return String.format("lines sent %,d, lines received %,d, connections %,d, probes %,d, probe failures %d,"
                    + " slowest probe %d ms, server up afterwards %s: %s", linesSent, linesReceived,
                    connectionsOpened, probes, probeFailures, slowestProbeMillis, serverUpAfterwards,
                    passed() ? "PASS" : "FAIL");
        }
    }

    public Result run() throws InterruptedException {
        Thread probe = new Thread(this::probe, "fuzz-probe");
        probe.start();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            long share = lines / connections + (i < lines % connections ? 1 : 0);
            LineMutator mutator = new LineMutator(seed + i, 4096);
            Thread sender = new Thread(() -> send(mutator, share), "fuzz-" + i);
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        done = true;
        probe.join();
        return new Result(sent.get(), received.get(), opened.get(), probes.get(), probeFailures.get(),
                slowestProbeMillis.get(), probeOnce("after"));
    }

    private void send(LineMutator mutator, long share) {
        long left = share;
        while (left > 0) {
            try (Socket socket = new Socket(host, port)) {
                opened.incrementAndGet();
                drain(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                boolean quit = false;
                while (left > 0 && !quit) {
                    ByteArrayOutputStream batch = new ByteArrayOutputStream();
                    for (int i = 0; i < LINES_PER_WRITE && left > 0 && !quit; i++, left--) {
                        byte[] line = mutator.next();
                        batch.writeBytes(line);
                        quit = LineMutator.isQuit(line);
                    }
                    out.write(batch.toByteArray());
                    sent.addAndGet(count(batch.toByteArray()));
                }
            } catch (IOException closedByServer) {
                // BYE (too many commands, too slow) or QUIT: go on with a new connection.
            }
        }
    }

    private void drain(InputStream in) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            received.incrementAndGet();
                        }
                    }
                }
            } catch (IOException closed) {
                // The connection ended.
            }
        }, "fuzz-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void probe() {
        for (long i = 0; !done; i++) {
            probes.incrementAndGet();
            if (!probeOnce(Long.toString(i))) {
                probeFailures.incrementAndGet();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One fresh connection, one PING, its PONG in time. */
    private boolean probeOnce(String token) {
        long start = System.nanoTime();
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            socket.getOutputStream().write(("PING probe-" + token + "\n").getBytes(StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("OK PONG probe-" + token)) {
                    slowestProbeMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static long count(byte[] bytes) {
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }
}
