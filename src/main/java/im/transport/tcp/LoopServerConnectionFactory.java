package im.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLEngine;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;

/**
 * A Spring Integration server connection factory whose connections are read by a few event
 * loops instead of a thread each (docs/ARCHITECTURE.md, "Why an event loop under the adapters"). It accepts on its
 * own thread (the factory's task executor runs {@link #run}), gives each connection to the
 * loops in turn, and otherwise behaves as the stock factories do for the adapters: senders
 * learn of each connection before its first read, and its lines reach the inbound adapter in
 * the order they arrived.
 */
final class LoopServerConnectionFactory extends AbstractServerConnectionFactory {

    private static final long ACCEPT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final int maxLineBytes;
    /** A new server-side TLS engine per connection, or null for plain connections. */
    private final Supplier<SSLEngine> tls;
    private final int handshakeMillis;
    private final EventLoop[] loops;
    private volatile ServerSocketChannel server;
    private int nextLoop;

    /** Connections' work that may block (the wait at the end of input) runs on the task executor. */
    LoopServerConnectionFactory(int port, int loopCount, int maxLineBytes) {
        this(port, loopCount, maxLineBytes, null, 0);
    }

    /**
     * The same with TLS on every connection: an engine from {@code tls} (asked per connection,
     * so that a reloaded certificate reaches the next one), handshaken within {@code handshakeMillis}.
     */
    LoopServerConnectionFactory(int port, int loopCount, int maxLineBytes, Supplier<SSLEngine> tls,
            int handshakeMillis) {
        super(port);
        this.maxLineBytes = maxLineBytes;
        this.tls = tls;
        this.handshakeMillis = handshakeMillis;
        this.loops = new EventLoop[loopCount];
    }

    @Override
    public String getComponentType() {
        return "im-event-loop-server-connection-factory";
    }

    @Override
    public int getPort() {
        ServerSocketChannel listening = server;
        if (super.getPort() == 0 && listening != null && listening.socket().getLocalPort() > 0) {
            return listening.socket().getLocalPort();
        }
        return super.getPort();
    }

    @Override
    public SocketAddress getServerSocketAddress() {
        ServerSocketChannel listening = server;
        return listening == null ? null : listening.socket().getLocalSocketAddress();
    }

    @Override
    public void run() {
        if (getListener() == null) {
            logger.info(() -> this + " No listener bound to server connection factory; will not read; exiting...");
            return;
        }
        try (ServerSocketChannel listening = ServerSocketChannel.open()) {
            String host = getLocalAddress();
            listening.bind(host == null ? new InetSocketAddress(super.getPort())
                    : new InetSocketAddress(host, super.getPort()), Math.abs(getBacklog()));
            server = listening; // first: the loops' names carry the port it was given
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new EventLoop("im-loop-" + getPort() + "-" + i);
                loops[i].start();
            }
            setListening(true);
            logger.info(() -> this + " Listening with " + loops.length + " event loop(s)");
            publishServerListeningEvent(getPort());
            while (isActive()) {
                acceptNext(listening);
            }
        } catch (AsynchronousCloseException closed) {
            logger.info("Server socket closed");
        } catch (IOException e) {
            if (isActive()) {
                logger.error(e, "Error on server socket; port = " + getPort());
                publishServerExceptionEvent(e);
                stop();
            }
        } finally {
            for (EventLoop loop : loops) {
                if (loop != null) {
                    loop.stop();
                }
            }
            setListening(false);
            setActive(false);
        }
    }

    /**
     * Accepts one connection. A failure of one accept (out of file descriptors, say) is
     * logged and waited out briefly rather than ending the listener, as it would the stock one.
     */
    private void acceptNext(ServerSocketChannel listening) throws IOException {
        SocketChannel channel;
        try {
            channel = listening.accept();
        } catch (AsynchronousCloseException closed) {
            throw closed;
        } catch (IOException e) {
            logger.warn(() -> "Could not accept a connection: " + e);
            LockSupport.parkNanos(ACCEPT_RETRY_NANOS);
            return;
        }
        accept(channel);
    }

    private void accept(SocketChannel channel) throws IOException {
        if (isShuttingDown()) {
            channel.close();
            return;
        }
        try {
            channel.configureBlocking(false);
            setSocketAttributes(channel.socket());
            EventLoop loop = loops[nextLoop++ % loops.length];
            LoopConnection connection = new LoopConnection(channel, loop, maxLineBytes,
                    getApplicationEventPublisher(), getComponentName(), tls == null ? null : tls.get(), handshakeMillis);
            TcpConnectionSupport wrapped = wrapConnection(connection);
            initializeConnection(wrapped, channel.socket());
            loop.execute(connection::register);
            harvestClosedConnections();
        } catch (RuntimeException e) {
            logger.error(e, "Failed to set up a connection for the new socket");
            channel.close();
        }
    }

    @Override
    public void stop() {
        ServerSocketChannel listening = server;
        server = null;
        if (listening != null) {
            try {
                listening.close();
            } catch (IOException e) {
                logger.debug(() -> "Closing the server socket: " + e);
            }
        }
        super.stop();
    }
}
