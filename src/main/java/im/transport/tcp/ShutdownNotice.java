package im.transport.tcp;

import im.protocol.Events;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * On shutdown, before Spring Integration stops listening: every connection gets
 * {@code BYE server shutting down}, and we wait (briefly) for those lines to go out.
 */
class ShutdownNotice implements SmartLifecycle {

    static final String BYE = Events.bye("server shutting down");
    private static final Logger log = LoggerFactory.getLogger(ShutdownNotice.class);
    private static final long MAX_WAIT_MILLIS = 3000;

    private final ClientConnections connections;
    private volatile boolean running;

    ShutdownNotice(ClientConnections connections) {
        this.connections = connections;
    }

    @Override
    public void start() {
        // Also a restart after a stop (Spring's test context cache pauses contexts that way).
        connections.acceptNewConnections(true);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        connections.acceptNewConnections(false);
        int count = connections.openConnections();
        connections.all().forEach(client -> client.outbox().sendAndClose(BYE));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        while (connections.openConnections() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // polling a count at shutdown; no event tells "all closed"
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info("Said BYE to {} connections; {} still open", count, connections.openConnections());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the TCP adapters and connection factory. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
