package im.transport.tcp;

import im.protocol.Events;
import im.system.LimitsProperties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Says {@code BYE} to and closes connections that sent no line for {@code im.limits.idle-timeout}.
 * One timer sweeps all connections (rather than a socket read timeout, which would close
 * without a BYE).
 */
class IdleConnectionCloser implements SmartLifecycle {

    static final String BYE = Events.bye("idle timeout");

    private final ClientConnections connections;
    private final ScheduledExecutorService timer;
    private final long idleNanos;
    private final long sweepMillis;
    private volatile ScheduledFuture<?> sweeping;

    IdleConnectionCloser(ClientConnections connections, ScheduledExecutorService timer, LimitsProperties limits) {
        this.connections = connections;
        this.timer = timer;
        this.idleNanos = limits.idleTimeout().toNanos();
        this.sweepMillis = Math.max(100, Math.min(1000, limits.idleTimeout().dividedBy(10).toMillis()));
    }

    void closeIdleConnections() {
        long now = System.nanoTime();
        for (ClientConnection client : connections.all()) {
            if (now - client.lastInboundNanos() > idleNanos) {
                client.outbox().sendAndClose(BYE);
            }
        }
    }

    @Override
    public void start() {
        sweeping = timer.scheduleAtFixedRate(this::closeIdleConnections, sweepMillis, sweepMillis,
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
