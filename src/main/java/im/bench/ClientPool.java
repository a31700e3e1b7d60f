package im.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The generator's connections on its one selector: opening them, logging them in, and one
 * select at a time, with the flushes it owes. What the lines mean is the {@link Handler}'s.
 */
final class ClientPool {

    /** What a select hands on: each line read, each client read, and a moment to queue more. */
    interface Handler {

        void onLine(BenchConnection client, String line);

        /** After a client's reads, before its writes. */
        void afterReading(BenchConnection client);

        /** Once per select, before the clients with queued lines are flushed. */
        void beforeFlushing();
    }

    private static final String PASSWORD = "bench-password";

    private final BenchSettings settings;
    private final Dialect dialect;
    private final Selector selector;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final List<BenchConnection> clients = new ArrayList<>();
    private final Map<String, BenchConnection> byUser = new HashMap<>();
    private final List<BenchConnection> dirty = new ArrayList<>();
    private long errors;

    ClientPool(BenchSettings settings, Dialect dialect) throws IOException {
        this.settings = settings;
        this.dialect = dialect;
        this.selector = Selector.open();
    }

    /** The messaging clients, in the order they were opened. */
    List<BenchConnection> clients() {
        return clients;
    }

    BenchConnection byUser(String user) {
        return byUser.get(user);
    }

    /**
     * One loopback address has about 28,000 ephemeral ports; past this many clients each further
     * block of them connects from the next address of 127.0.0.0/8 (127.0.0.2, ...), all of which
     * reach the loopback interface.
     */
    static final int CLIENTS_PER_SOURCE_ADDRESS = 20_000;

    static InetAddress loopbackSource(int client) throws IOException {
        int n = 1 + client / CLIENTS_PER_SOURCE_ADDRESS;
        return InetAddress.getByAddress(new byte[] {127, 0, (byte) (n >> 8), (byte) n});
    }

    /** Connections that failed or were refused. */
    long errors() {
        return errors;
    }

    /** Opens {@code count} clients and sends each one's login; reads meanwhile, through {@code handler}. */
    void connect(int count, Handler handler) throws IOException {
        for (int i = 0; i < count; i++) {
            InetSocketAddress server = settings.server(i);
            SocketChannel channel = SocketChannel.open();
            if (count > CLIENTS_PER_SOURCE_ADDRESS && server.getAddress().isLoopbackAddress()) {
                channel.bind(new InetSocketAddress(loopbackSource(i), 0));
            }
            channel.connect(server);
            channel.configureBlocking(false);
            BenchConnection client = new BenchConnection(i, "b" + run + "x" + i, channel, settings);
            logIn(client, SelectionKey.OP_READ);
            clients.add(client);
            if (i % 100 == 99) {
                pump(0, handler); // keep reading while connecting, so that replies and presence events drain
            }
        }
    }

    /**
     * Opens a login storm's connection without waiting for it: a blocking connect would hold up
     * the schedule, and the latency measured from it would be the generator's stall.
     */
    void connectLater(int number) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        boolean connected = channel.connect(settings.server(number));
        logIn(new BenchConnection(-1, "b" + run + "L" + number, channel, settings),
                connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT);
    }

    /** Queues the login and sends it, now or (a connect still pending) once connected. */
    private void logIn(BenchConnection client, int interest) throws IOException {
        client.channel.socket().setTcpNoDelay(true);
        client.key = client.channel.register(selector, interest, client);
        client.setupRepliesLeft = dialect.setupSteps();
        dialect.logIn(client.user, PASSWORD).forEach(client::queue);
        client.flush();
        byUser.put(client.user, client);
    }

    /** One select: reads every ready connection, answers what was read, flushes. */
    void pump(long timeoutMillis, Handler handler) throws IOException {
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
            if (key.isValid() && key.isConnectable() && !finishConnect(client)) {
                continue;
            }
            if (key.isValid() && key.isReadable() && !client.read(line -> handler.onLine(client, line))) {
                errors++;
                key.cancel();
                continue;
            }
            handler.afterReading(client);
            if (key.isValid() && key.isWritable()) {
                client.flush();
            }
        }
        handler.beforeFlushing();
        for (BenchConnection client : dirty) {
            client.dirty = false;
            if (client.key.isValid()) {
                client.flush();
            }
        }
        dirty.clear();
    }

    /** Completes a non-blocking connect and sends what was queued; false (an error) if it failed. */
    private boolean finishConnect(BenchConnection client) {
        try {
            if (client.channel.finishConnect()) {
                client.flush();
            }
            return true;
        } catch (IOException refused) {
            errors++;
            client.key.cancel();
            return false;
        }
    }

    /** The client has lines queued: flushed at the end of this select. */
    void markDirty(BenchConnection client) {
        if (!client.dirty) {
            client.dirty = true;
            dirty.add(client);
        }
    }

    /** Closes every connection but {@code kept}'s at once, as a network blip would. */
    void closeAllBut(BenchConnection kept) throws IOException {
        for (SelectionKey key : List.copyOf(selector.keys())) {
            if (key.attachment() != kept) {
                key.channel().close();
            }
        }
    }

    void closeAll() throws IOException {
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
