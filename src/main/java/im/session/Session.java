package im.session;

import im.throttle.TokenBucket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection as the services see it: where to send lines and who is logged in
 * on it. The login state is written by one command at a time (commands of a connection
 * run in order) and read by other threads, hence volatile.
 */
public final class Session {

    public static final String DEFAULT_DEVICE = "default";

    private final String id;
    private final String remoteAddress;
    private final Outbound outbound;
    /** Null: no command rate limit (service tests). */
    private final TokenBucket commandRate;
    /** Commands refused in a row for their rate; only the thread running the connection's command touches it. */
    private int rateLimitedInARow;
    private volatile String user;
    /** {@code user}'s key (the name in lower case), made once at login: every message needs it. */
    private volatile String userKey;
    private volatile String device = DEFAULT_DEVICE;
    /** Guards the delivery state below: the inbox writer and this connection's commands both use it. */
    private final Object deliveries = new Object();
    /** Non-null while a replay or a HISTORY is being sent: live messages wait here. */
    private List<HeldMessage> held;
    /** The inbox position replayed up to: a live copy at or below it was sent already. */
    private long deliveredThrough;

    /** The services' {@link SessionLocal} values by index; null until one is set (idle connections keep none). */
    private Object[] locals;

    /** The last message this connection sent that may still be being stored; null if none. */
    private volatile CompletableFuture<?> lastWrite;

    private record HeldMessage(long position, String line) {
    }

    public Session(String id, String remoteAddress, Outbound outbound, TokenBucket commandRate) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.outbound = outbound;
        this.commandRate = commandRate;
    }

    /** Whether this connection's commands are rate limited ({@link #takeCommandToken} then needs the time). */
    public boolean limitsCommands() {
        return commandRate != null;
    }

    /** Takes a token for one command; returns 0 if allowed, else the commands refused in a row. */
    public int takeCommandToken(long nowNanos) {
        if (commandRate == null || commandRate.tryTake(nowNanos)) {
            rateLimitedInARow = 0;
            return 0;
        }
        return ++rateLimitedInARow;
    }

    /** Seconds until this connection may send its next command. */
    public long secondsUntilNextCommand(long nowNanos) {
        return commandRate == null ? 0 : commandRate.secondsUntilNext(nowNanos);
    }

    public String id() {
        return id;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public Outbound outbound() {
        return outbound;
    }

    public void send(String line) {
        outbound.send(line);
    }

    public void sendAndClose(String lastLine) {
        outbound.sendAndClose(lastLine);
    }

    /**
     * A live message from the user's inbox. The inbox delivers in position order; one that a
     * replay sent already is dropped, and while {@link #holdDeliveries} is in force they wait.
     */
    public void deliver(long position, String line) {
        synchronized (deliveries) {
            if (held != null) {
                held.add(new HeldMessage(position, line));
            } else if (position > deliveredThrough) {
                outbound.send(line);
            }
        }
    }

    /** Live messages wait from now on, so that a replay or history is not interleaved with them. */
    public void holdDeliveries() {
        synchronized (deliveries) {
            if (held == null) {
                held = new ArrayList<>();
            }
        }
    }

    /** Sends the live messages that waited, but those at or below {@code replayedThrough}. */
    public void releaseDeliveries(long replayedThrough) {
        synchronized (deliveries) {
            deliveredThrough = Math.max(deliveredThrough, replayedThrough);
            if (held != null) {
                for (HeldMessage message : held) {
                    if (message.position() > deliveredThrough) {
                        outbound.send(message.line());
                    }
                }
                held = null;
            }
        }
    }

    /** A message of this connection's is being stored (written by the thread running its command only). */
    public void writing(CompletableFuture<?> write) {
        lastWrite = write;
    }

    /**
     * Waits until what this connection sent so far is stored (or failed): a command that reads
     * the store sees the connection's own earlier messages. The store completes every write.
     */
    public void awaitWrites() {
        CompletableFuture<?> write = lastWrite;
        if (write != null) {
            write.exceptionally(failed -> null).join();
        }
    }

    Object local(int index) {
        Object[] values = locals;
        return values != null && index < values.length ? values[index] : null;
    }

    void local(int index, Object value) {
        if (locals == null || index >= locals.length) {
            locals = locals == null ? new Object[index + 1] : Arrays.copyOf(locals, index + 1);
        }
        locals[index] = value;
    }

    /** The logged-in user's name as registered, or null. */
    public String user() {
        return user;
    }

    /** The logged-in user's key (the name in lower case), or null. */
    public String userKey() {
        return userKey;
    }

    public boolean isLoggedIn() {
        return user != null;
    }

    public String device() {
        return device;
    }

    /** Logged in as {@code registeredName}, whose key is {@code userKey}, from a device. */
    public void loggedIn(String registeredName, String userKey, String deviceName) {
        this.device = deviceName;
        this.userKey = userKey;
        this.user = registeredName;
    }

    public void loggedOut() {
        this.user = null;
        this.userKey = null;
        this.device = DEFAULT_DEVICE;
        synchronized (deliveries) {
            held = null;
            deliveredThrough = 0;
        }
    }

    @Override
    public String toString() {
        return "Session[" + id + (user == null ? "" : " " + user) + "]";
    }
}
