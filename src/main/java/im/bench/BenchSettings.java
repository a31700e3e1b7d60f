package im.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * What one bench run does (see {@link BenchMain} for each option's meaning). Client {@code i}
 * talks to {@code servers[i % n]} and sends to client {@code i + 1}: with several nodes of a
 * cluster, every message crosses from one node to another.
 */
record BenchSettings(List<InetSocketAddress> servers, String protocol, String transport, int clients, int window, int rate,
        Duration duration, Duration warmup, int size, int idle, int logins, List<Long> serverPids, boolean quickAck,
        SSLContext tlsContext) {

    /** One server, plain TCP (or WebSocket), acknowledging as the kernel decides. */
    BenchSettings(String host, int port, String protocol, String transport, int clients, int window, int rate,
            Duration duration, Duration warmup, int size, int idle, int logins, long serverPid) {
        this(List.of(InetSocketAddress.createUnresolved(host, port)), protocol, transport, clients, window, rate, duration,
                warmup, size, idle, logins, serverPid > 0 ? List.of(serverPid) : List.of(), false,
                null);
    }

    /** The server of the client with this number (a login storm's too), resolved. */
    InetSocketAddress server(int client) {
        InetSocketAddress server = servers.get(Math.floorMod(client, servers.size()));
        return new InetSocketAddress(server.getHostString(), server.getPort());
    }

    /** The servers' CPU time and resident memory, summed over their processes. */
    ProcStats serverStats() {
        double cpu = 0;
        long rss = 0;
        for (long pid : serverPids) {
            ProcStats stats = ProcStats.of(pid);
            cpu += stats.cpuSeconds();
            rss += stats.rssBytes();
        }
        return new ProcStats(cpu, rss);
    }

    /** The servers' threads, summed over their processes. */
    int serverThreads() {
        return serverPids.stream().mapToInt(ProcStats::threads).sum();
    }

    /** im/1 over WebSocket ({@code --transport ws}) rather than plain TCP. */
    boolean webSocket() {
        return transport.equals("ws");
    }

    boolean openLoop() {
        return rate > 0;
    }
}
