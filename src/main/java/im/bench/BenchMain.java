package im.bench;

import im.client.ClientTls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar im-server.jar bench [options]}: a load generator speaking im/1, without Spring. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Registers and logs in clients, then messages in a closed loop (or holds idle connections)"
                + " and reports throughput, latency, errors, losses and the server's CPU and memory.")
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "server host (${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "5001", description = "server port (${DEFAULT-VALUE})")
    int port;

    @Option(names = "--hosts", split = ",", paramLabel = "HOST:PORT",
            description = "several servers (the nodes of a cluster): client i on the i-th modulo their number,"
                    + " sending to client i+1, so that every message crosses nodes; instead of --host and --port")
    List<String> hosts;

    @Option(names = "--protocol", defaultValue = "im", description = "im (im/1) or irc (${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--transport", defaultValue = "tcp",
            description = "tcp, or ws: im/1 over the WebSocket at /ws of the web port given as --port (${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--clients", defaultValue = "100", description = "messaging clients (${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--window", defaultValue = "16", description = "messages in flight per sender (${DEFAULT-VALUE})")
    int window;

    @Option(names = "--rate", defaultValue = "0",
            description = "open loop: total messages per second on a fixed schedule (0: closed loop with --window)")
    int rate;

    @Option(names = "--logins", defaultValue = "0",
            description = "when measuring starts, this many new users register and log in at once (im only)")
    int logins;

    @Option(names = "--duration", defaultValue = "15s", converter = DurationConverter.class,
            description = "measured time, or how long idle connections are held (${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "3s", converter = DurationConverter.class,
            description = "messaging before measuring starts (${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--size", defaultValue = "64", description = "message text bytes (${DEFAULT-VALUE})")
    int size;

    @Option(names = "--idle", defaultValue = "0",
            description = "instead of messaging: hold this many logged-in connections and report memory")
    int idle;

    @Option(names = "--pid", split = ",", defaultValue = "0",
            description = "server process ids (several: the nodes'), to sample their CPU and RSS, summed")
    List<Long> pids;

    @Option(names = "--quickack", description = "acknowledge every segment at once (Linux's TCP_QUICKACK, set again"
            + " after each read), so that delayed acknowledgements of the generator's side stay out of the latency")
    boolean quickAck;

    @Option(names = "--tls", description = "im/1 inside TLS (the server's TLS port as --port); the bench trusts any"
            + " certificate, as it measures and carries no secrets")
    boolean tls;

    @Option(names = "--json", description = "one JSON object instead of a table")
    boolean json;

    public static int run(String... args) {
        return new CommandLine(new BenchMain()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (!transport.equals("tcp") && !(transport.equals("ws") && protocol.equals("im"))) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--transport is tcp, or ws with --protocol im");
        }
        if (tls && !transport.equals("tcp")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--tls goes with --transport tcp");
        }
        List<InetSocketAddress> servers = hosts == null || hosts.isEmpty()
                ? List.of(InetSocketAddress.createUnresolved(host, port))
                : hosts.stream().map(BenchMain::hostAndPort).toList();
        BenchResult result = new LoadGenerator(new BenchSettings(servers, protocol, transport, clients, window, rate,
                duration, warmup, size, idle, logins, pids.stream().filter(pid -> pid > 0).toList(), quickAck,
                tls ? ClientTls.context(null, null, true) : null)).run();
        System.out.print(json ? result.json() + System.lineSeparator() : result.table());
        return result.errors() == 0 && result.lost() == 0 ? 0 : 2;
    }

    private static InetSocketAddress hostAndPort(String server) {
        int colon = server.lastIndexOf(':');
        if (colon < 0) {
            throw new CommandLine.ParameterException(new CommandLine(new BenchMain()), "--hosts takes HOST:PORT,...");
        }
        return InetSocketAddress.createUnresolved(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)));
    }

    /** Durations as {@code 15s}, {@code 500ms} or {@code 2m}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return org.springframework.boot.convert.DurationStyle.SIMPLE.parse(value);
        }
    }
}
