package im.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Drives im/1 clients from one selector thread, so that the generator costs little of the
 * CPU it shares with the server. Closed loop: each client keeps {@code window} messages in
 * flight to the next client; a message is done when its MSG line arrives (or its SEND is
 * refused). Latency is from the moment the SEND was queued to the moment the MSG was read.
 */
final class LoadGenerator {

    private static final String PASSWORD = "bench-password";
    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final BenchSettings settings;
    private final Selector selector;
    private final List<BenchConnection> clients = new ArrayList<>();
    private final List<BenchConnection> dirty = new ArrayList<>();
    private final Histogram latencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    private final String padding;
    private long measureStart;
    private long measureEnd;
    private boolean sending;
    private long delivered;
    private long deliveredInWindow;
    private long acked;
    private long errors;
    private int setupLeft;

    LoadGenerator(BenchSettings settings) throws IOException {
        this.settings = settings;
        this.selector = Selector.open();
        this.padding = "x".repeat(Math.max(1, settings.size() - 20));
    }

    BenchResult run() throws IOException {
        ProcStats serverBefore = settings.serverStats();
        long setupStart = System.nanoTime();
        setUp(settings.idle() > 0 ? settings.idle() : settings.clients());
        Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);
        if (settings.idle() > 0) {
            return holdIdle(serverBefore, setup);
        }
        return message(setup);
    }

    private void setUp(int count) throws IOException {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        setupLeft = count;
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(settings.host(), settings.port()));
            channel.socket().setTcpNoDelay(true);
            channel.configureBlocking(false);
            BenchConnection client = new BenchConnection(i, "b" + run + "x" + i, channel);
            client.key = channel.register(selector, SelectionKey.OP_READ, client);
            client.setupRepliesLeft = 2;
            client.queue("REGISTER " + client.user + " " + PASSWORD);
            client.queue("LOGIN " + client.user + " " + PASSWORD);
            client.flush();
            clients.add(client);
            if (i % 100 == 99) {
                pump(0); // keep reading while connecting, so that replies and JOINED events drain
            }
        }
        long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
        while (setupLeft > 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException(setupLeft + " clients did not log in within " + SETUP_TIMEOUT);
            }
            pump(100);
        }
    }

    private BenchResult holdIdle(ProcStats serverBefore, Duration setup) throws IOException {
        long end = System.nanoTime() + settings.duration().toNanos();
        while (System.nanoTime() < end) {
            pump(100);
        }
        ProcStats server = settings.serverStats();
        closeAll();
        return BenchResult.idle(settings, setup, serverBefore, server, errors);
    }

    private BenchResult message(Duration setup) throws IOException {
        long start = System.nanoTime();
        measureStart = start + settings.warmup().toNanos();
        measureEnd = measureStart + settings.duration().toNanos();
        sending = true;
        for (BenchConnection client : clients) {
            for (int i = 0; i < settings.window(); i++) {
                sendOne(client);
            }
            client.flush();
        }
        ProcStats serverAtStart = null;
        ProcStats selfAtStart = null;
        while (System.nanoTime() < measureEnd) {
            pump(5);
            if (serverAtStart == null && System.nanoTime() >= measureStart) {
                serverAtStart = settings.serverStats();
                selfAtStart = ProcStats.self();
            }
        }
        ProcStats serverUsed = settings.serverStats().minus(serverAtStart);
        ProcStats selfUsed = ProcStats.self().minus(selfAtStart);
        sending = false;
        long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (inFlight() > 0 && System.nanoTime() < drainDeadline) {
            pump(10);
        }
        closeAll();
        return new BenchResult(settings, setup, deliveredInWindow, latencyMicros, errors, acked - delivered,
                serverUsed, selfUsed, 0);
    }

    private int inFlight() {
        int total = 0;
        for (BenchConnection client : clients) {
            total += client.inFlight;
        }
        return total;
    }

    private void sendOne(BenchConnection client) {
        BenchConnection target = clients.get((client.index + 1) % clients.size());
        client.queue("SEND " + target.user + " " + System.nanoTime() + " " + padding);
        client.inFlight++;
    }

    /** One select: reads every ready connection, answers what was read, flushes. */
    private void pump(long timeoutMillis) throws IOException {
        if (timeoutMillis == 0) {
            selector.selectNow();
        } else {
            selector.select(timeoutMillis);
        }
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            BenchConnection client = (BenchConnection) key.attachment();
            if (key.isValid() && key.isReadable() && !client.read(line -> onLine(client, line))) {
                errors++;
                key.cancel();
                continue;
            }
            if (key.isValid() && key.isWritable()) {
                client.flush();
            }
        }
        for (BenchConnection client : dirty) {
            client.dirty = false;
            if (client.key.isValid()) {
                client.flush();
            }
        }
        dirty.clear();
    }

    private void onLine(BenchConnection client, String line) {
        if (line.startsWith("MSG ")) {
            onMessage(line);
        } else if (client.setupRepliesLeft > 0 && (line.startsWith("OK ") || line.startsWith("ERR "))) {
            boolean fine = line.startsWith("OK ") || line.startsWith("ERR USERNAME_TAKEN");
            errors += fine ? 0 : 1;
            if (--client.setupRepliesLeft == 0) {
                setupLeft--;
            }
        } else if (line.startsWith("OK SENT ")) {
            acked++;
        } else if (line.startsWith("ERR ") || line.startsWith("BYE ")) {
            errors++;
            if (line.startsWith("ERR ") && client.inFlight > 0) {
                client.inFlight--;
                refill(client);
            }
        }
    }

    private void onMessage(String line) {
        long now = System.nanoTime();
        // MSG <id> <time> <from> <to> <sent-nanos> <padding>
        int from = nthSpace(line, 3) + 1;
        int to = line.indexOf(' ', from);
        int text = nthSpace(line, 5) + 1;
        long sentAt = Long.parseLong(line, text, line.indexOf(' ', text), 10);
        BenchConnection sender = clients.get(Integer.parseInt(line, line.lastIndexOf('x', to) + 1, to, 10));
        delivered++;
        if (sentAt >= measureStart && now <= measureEnd) {
            deliveredInWindow++;
            latencyMicros.recordValue(Math.min((now - sentAt) / 1000, latencyMicros.getHighestTrackableValue()));
        }
        sender.inFlight--;
        refill(sender);
    }

    private void refill(BenchConnection sender) {
        if (sending) {
            sendOne(sender);
            if (!sender.dirty) {
                sender.dirty = true;
                dirty.add(sender);
            }
        }
    }

    private static int nthSpace(String line, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = line.indexOf(' ', at + 1);
        }
        return at;
    }

    private void closeAll() throws IOException {
        for (BenchConnection client : clients) {
            client.channel.close();
        }
        selector.close();
    }
}
