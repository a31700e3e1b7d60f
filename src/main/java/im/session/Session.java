package im.session;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection as the services see it: where to send lines and who is logged in
 * on it, with its {@link CommandRate} and its {@link LiveDelivery}. The login state is
 * written by one command at a time (commands of a connection run in order) and read by other
 * threads, hence volatile.
 */
public final class Session {

    public static final String DEFAULT_DEVICE = "default";

    private final String id;
    private final String remoteAddress;
    private final Outbound outbound;
    /** Null: no command rate limit (service tests). */
    private final CommandRate commandRate;
    private final LiveDelivery liveDelivery;
    private volatile String user;
    /** {@code user}'s key (the name in lower case), made once at login: every message needs it. */
    private volatile String userKey;
    private volatile String device = DEFAULT_DEVICE;

    /** The services' {@link SessionLocal} values by index; null until one is set (idle connections keep none). */
    private Object[] locals;

    /** The last message this connection sent that may still be being stored; null if none. */
    private volatile CompletableFuture<?> lastWrite;

    public Session(String id, String remoteAddress, Outbound outbound, CommandRate commandRate) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.outbound = outbound;
        this.commandRate = commandRate;
        this.liveDelivery = new LiveDelivery(outbound);
    }

    /** The connection's command rate, or null if its commands are not limited. */
    public CommandRate commandRate() {
        return commandRate;
    }

    /** The live messages of the logged-in user, and their hold during a replay. */
    public LiveDelivery liveDelivery() {
        return liveDelivery;
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
        liveDelivery.reset();
    }

    @Override
    public String toString() {
        return "Session[" + id + (user == null ? "" : " " + user) + "]";
    }
}
