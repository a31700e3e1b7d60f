package im.transport.tcp;

import im.protocol.Events;
import im.session.LineHandler;
import im.session.Session;
import im.session.SessionEndListener;
import im.system.LimitsProperties;
import im.system.SerialExecutor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * The open client connections. Spring Integration tells us of each new connection (before
 * its first read) and each closed one through the {@link TcpSender} callbacks; we give each a
 * session and an outbox whose writes go out through the outbound channel adapter.
 */
public class ClientConnections implements TcpSender {

    private final Map<String, ClientConnection> byId = new ConcurrentHashMap<>();
    private final TcpProperties tcp;
    private final LimitsProperties limits;
    private final LineHandler lineHandler;
    private final List<SessionEndListener> endListeners;
    private final MessageChannel outbound;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private volatile boolean shuttingDown;

    ClientConnections(TcpProperties tcp, LimitsProperties limits, LineHandler lineHandler,
            List<SessionEndListener> endListeners, MessageChannel outbound, Executor workers,
            ScheduledExecutorService timer, MeterRegistry meters) {
        this.tcp = tcp;
        this.limits = limits;
        this.lineHandler = lineHandler;
        this.endListeners = endListeners;
        this.outbound = outbound;
        this.workers = workers;
        this.timer = timer;
        Gauge.builder("im.connections", byId, Map::size).description("Open client connections").register(meters);
    }

    public int openConnections() {
        return byId.size();
    }

    @Override
    public void addNewConnection(TcpConnection connection) {
        String id = connection.getConnectionId();
        Outbox outbox = new Outbox(limits.maxOutboundBytes().toBytes(), workers, timer,
                batch -> outbound.send(MessageBuilder.withPayload(batch).setHeader(IpHeaders.CONNECTION_ID, id).build()),
                connection::close);
        Session session = new Session(id, connection.getHostAddress(), outbox);
        ClientConnection client = new ClientConnection(session, outbox, new SerialExecutor(workers), lineHandler,
                limits.maxLineBytes());
        byId.put(id, client);
        LineConnection lines = (LineConnection) connection;
        lines.input().atEndOfInput(client::finishInput);
        lines.beforeReading(() -> greet(outbox));
    }

    private void greet(Outbox outbox) {
        outbox.send(Events.hello(tcp.serverName()));
        if (shuttingDown) {
            outbox.sendAndClose(ShutdownNotice.BYE);
        }
    }

    @Override
    public void removeDeadConnection(TcpConnection connection) {
        ClientConnection client = byId.remove(connection.getConnectionId());
        if (client != null) {
            client.ended(endListeners);
        }
    }

    /** Hands a framed line to its connection; called on that connection's reader thread. */
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
