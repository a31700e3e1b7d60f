package im.session;

import im.system.TokenBucket;

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
    /** Commands refused in a row for their rate; only the connection's command thread touches it. */
    private int rateLimitedInARow;
    private volatile String user;
    private volatile String device = DEFAULT_DEVICE;

    public Session(String id, String remoteAddress, Outbound outbound) {
        this(id, remoteAddress, outbound, null);
    }

    public Session(String id, String remoteAddress, Outbound outbound, TokenBucket commandRate) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.outbound = outbound;
        this.commandRate = commandRate;
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

    /** The logged-in user's name as registered, or null. */
    public String user() {
        return user;
    }

    public boolean isLoggedIn() {
        return user != null;
    }

    public String device() {
        return device;
    }

    public void loggedIn(String registeredName, String deviceName) {
        this.device = deviceName;
        this.user = registeredName;
    }

    public void loggedOut() {
        this.user = null;
        this.device = DEFAULT_DEVICE;
    }

    @Override
    public String toString() {
        return "Session[" + id + (user == null ? "" : " " + user) + "]";
    }
}
