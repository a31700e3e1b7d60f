package im.transport.tcp;

import im.protocol.Events;
import im.session.ConnectionProperties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Keep-alive: a connection silent for {@code im.connection.ping-after} gets {@code PING <token>};
 * if it then stays silent for {@code im.connection.idle-timeout} it gets {@code BYE} and is closed.
 * Any line counts as an answer (our client answers {@code PING <token>}). One timer sweeps
 * all connections (rather than a socket read timeout, which would close without a BYE) and
 * dates each connection's last line itself, so a PING or BYE may come up to two tenths of the
 * shorter setting (at most two seconds) late.
 */
class IdleConnectionCloser implements SmartLifecycle {

    static final String BYE = Events.bye("idle timeout");

    private final ClientConnections connections;
    private final ScheduledExecutorService timer;
    private final long pingAfterNanos;
    private final long idleNanos;
    private final long sweepMillis;
    private long pings;
    private volatile ScheduledFuture<?> sweeping;

    IdleConnectionCloser(ClientConnections connections, ScheduledExecutorService timer, ConnectionProperties limits) {
        this.connections = connections;
        this.timer = timer;
        this.pingAfterNanos = limits.pingAfter().toNanos();
        this.idleNanos = limits.idleTimeout().toNanos();
        long shorter = Math.min(limits.pingAfter().toMillis(), limits.idleTimeout().toMillis());
        this.sweepMillis = Math.max(10, Math.min(1000, shorter / 10));
    }

    void sweep() {
        long now = System.nanoTime();
        for (ClientConnection client : connections.all()) {
            long pinged = client.pingSentNanos();
            long lastInbound = client.lastInboundNanos(now);
            boolean answered = pinged == 0 || lastInbound > pinged;
            if (answered && now - lastInbound > pingAfterNanos) {
                client.pingSent(now);
                client.outbox().send(Events.ping(Long.toString(++pings, 36)));
            } else if (!answered && now - pinged > idleNanos) {
                client.outbox().sendAndClose(BYE);
            }
        }
    }

    @Override
    public void start() {
        sweeping = timer.scheduleAtFixedRate(this::sweep, sweepMillis, sweepMillis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = sweeping;
        if (running != null) {
            running.cancel(false);
        }
        sweeping = null;
    }

    @Override
    public boolean isRunning() {
        return sweeping != null;
    }
}
