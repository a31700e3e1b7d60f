package im.transport.web;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;

/**
 * The per-connection buffers of the web listener, smaller than Tomcat's 8 KB defaults: an idle
 * WebSocket session holds each of them for its whole life (docs/PERFORMANCE.md has the sizes
 * measured), while a line is at most a few KB and a batch of frames is written in pieces anyway.
 */
public final class WebSocketBuffers {

    /** Bytes of each of a WebSocket session's input, output and encoding buffers. */
    static final int SESSION_BUFFER_BYTES = 2048;
    /** Bytes of each of a connection's socket read and write buffers. */
    static final int SOCKET_BUFFER_BYTES = 2048;
    private static final String SESSION_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    private WebSocketBuffers() {
    }

    /**
     * Sets the size of Tomcat's WebSocket session buffers, which it reads from a system property
     * once, before the web server starts; a size given on the command line ({@code -D}) stays.
     */
    public static void beforeStart() {
        if (System.getProperty(SESSION_BUFFER_PROPERTY) == null) {
            System.setProperty(SESSION_BUFFER_PROPERTY, String.valueOf(SESSION_BUFFER_BYTES));
        }
    }

    static TomcatConnectorCustomizer smallSocketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
        };
    }
}
