package im.transport.tcp;

import im.concurrent.SerialExecutor;
import im.protocol.Events;
import im.session.CommandRate;
import im.session.ConnectionProperties;
import im.session.LineHandler;
import im.session.Session;
import im.session.SessionEndListener;
import im.throttle.ThrottleProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

/**
 * The open client connections. Spring Integration tells us of each new connection (before
 * its first read) and each closed one through the {@link TcpSender} callbacks; we give each a
 * session and an outbox whose writes go out through the outbound channel adapter.
 */
public class ClientConnections implements TcpSender {

    private final Map<String, ClientConnection> byId = new ConcurrentHashMap<>();
    private final TcpProperties tcp;
    private final ConnectionProperties limits;
    private final ThrottleProperties throttle;
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final LineHandler lineHandler;
    private final List<SessionEndListener> endListeners;
    private final Map<String, MessageChannel> outboundByListener = new ConcurrentHashMap<>();
    private final List<TcpListener> listeners;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private volatile boolean shuttingDown;

    ClientConnections(List<TcpListener> listeners, TcpProperties tcp, ConnectionProperties limits,
            ThrottleProperties throttle, LineHandler lineHandler, List<SessionEndListener> endListeners,
            Executor workers, ScheduledExecutorService timer, MeterRegistry meters) {
        this.tcp = tcp;
        this.limits = limits;
        this.throttle = throttle;
        this.lineHandler = lineHandler;
        this.endListeners = endListeners;
        this.listeners = List.copyOf(listeners);
        for (TcpListener listener : listeners) {
            outboundByListener.put(listener.name(), listener.outbound());
            listener.factory().registerSender(this);
        }
        this.workers = workers;
        this.timer = timer;
        Gauge.builder("im.connections", byId, Map::size).description("Open client connections").register(meters);
    }

    /** Where im/1 is served, for people: {@code im/1 on 127.0.0.1:5001}, {@code im/1 over TLS on ...}. */
    public List<String> addresses() {
        return listeners.stream().map(listener -> "im/1 " + (listener.tls() ? "over TLS " : "") + "on "
                + tcp.host() + ":" + listener.factory().getPort()).toList();
    }

    boolean isOpen(String connectionId) {
        return byId.containsKey(connectionId);
    }

    public int openConnections() {
        return byId.size();
    }

    @Override
    public void addNewConnection(TcpConnection connection) {
        // Our factories make no other kind (LineConnection.Support, LoopServerConnectionFactory).
        LineSocket lines = (LineSocket) connection;
        MessageChannel outbound = outboundByListener.get(((TcpConnectionSupport) connection).getConnectionFactoryName());
        open(connection.getConnectionId(), connection.getHostAddress(), lines, new Outbox.Sink() {
            @Override
            public ByteBuffer buffer(int size) {
                return lines.batchBuffer(size);
            }

            @Override
            public void write(ByteBuffer batch) {
                outbound.send(new GenericMessage<>(batch, lines.headers()));
            }

            @Override
            public boolean backedUp(Runnable whenWritten) {
                return lines.backedUp(whenWritten);
            }
        }, connection::close);
    }

    /**
     * Opens a connection of a transport that frames lines itself (a WebSocket): its lines come
     * in whole through the returned {@link FramedConnection}, its batches leave through
     * {@code socket} on a worker thread, one batch at a time.
     */
    public FramedConnection openFramed(String id, String address, FramedConnection.Socket socket) {
        FramedConnection framed = new FramedConnection(id, this, limits.maxLineBytes());
        open(id, address, framed, socket::write, () -> workers.execute(socket::close));
        return framed;
    }

    private void open(String id, String address, LineSocket lines, Outbox.Sink sink, Runnable closer) {
        Outbox outbox = new Outbox(limits.maxOutboundBytes().toBytes(), lines.writers(workers), timer, sink, closer);
        Session session = new Session(id, address, outbox, throttle.enabled()
                ? new CommandRate(throttle.commandBurst(), throttle.commandsPerSecond(), System.nanoTime()) : null);
        ClientConnection client = new ClientConnection(session, outbox, new SerialExecutor(workers), lineHandler,
                limits.maxLineBytes(), lines);
        String refusal = overLimit(address);
        byId.put(id, client);
        perAddress.merge(address, 1, Integer::sum);
        lines.atEndOfInput(client::finishInput);
        if (refusal != null && lines.closeWithoutGreeting()) {
            return;
        }
        lines.beforeReading(() -> greet(outbox, refusal));
    }

    /** Why a new connection from this address is one too many, or null. */
    private String overLimit(String address) {
        if (throttle.enabled() && byId.size() >= throttle.maxConnections()) {
            return Events.bye("too many connections to this server");
        }
        if (!throttle.isExempt(address)
                && perAddress.getOrDefault(address, 0) >= throttle.maxConnectionsPerAddress()) {
            return Events.bye("too many connections from your address");
        }
        return null;
    }

    /** HELLO, and BYE at once if the server is shutting down or the connection is over a limit. */
    private void greet(Outbox outbox, String refusal) {
        outbox.send(Events.hello(tcp.serverName()));
        if (shuttingDown) {
            outbox.sendAndClose(ShutdownNotice.BYE);
        } else if (refusal != null) {
            outbox.sendAndClose(refusal);
        }
    }

    @Override
    public void removeDeadConnection(TcpConnection connection) {
        closed(connection.getConnectionId());
    }

    /** The connection is gone: its session ends after its last command. */
    void closed(String connectionId) {
        ClientConnection client = byId.remove(connectionId);
        if (client != null) {
            perAddress.computeIfPresent(client.session().remoteAddress(), (address, n) -> n > 1 ? n - 1 : null);
            client.ended(endListeners);
        }
    }

    /** Hands a framed line to its connection; called on the thread that reads that connection. */
    void received(String connectionId, Object line) {
        ClientConnection client = byId.get(connectionId);
        if (client != null) {
            client.received(line);
        }
    }

    Collection<ClientConnection> all() {
        return byId.values();
    }

    void acceptNewConnections(boolean accept) {
        shuttingDown = !accept;
    }
}
