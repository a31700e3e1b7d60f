package im.transport.web;

import im.transport.tcp.ClientConnections;
import im.transport.tcp.FramedConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * im/1 over WebSocket: one protocol line per text frame, both ways, into the same connections,
 * sessions and limits as TCP ({@link ClientConnections#openFramed}). The servlet container reads
 * each session's frames one at a time, in order, on one of its threads; the connection's outbox
 * writes its batches one at a time, on a worker thread, a frame per line.
 */
class WebSocketLines extends TextWebSocketHandler {

    /** The container's text buffer: a frame longer than this comes in pieces, joined here. */
    static final int FRAME_PIECE_CHARS = 1024;
    private static final String CONNECTION = "im.connection";
    private static final String PIECES = "im.pieces";

    private final ClientConnections connections;
    /** The longest frame joined, in characters: a line of the byte limit and a line break. */
    private final int maxFrameChars;

    WebSocketLines(ClientConnections connections, int maxLineBytes) {
        this.connections = connections;
        this.maxFrameChars = maxLineBytes + 2;
    }

    /** Frames come in pieces of the container's small buffer, so that an idle session holds no line-sized one. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession ws) {
        InetSocketAddress remote = ws.getRemoteAddress();
        String address = remote == null ? "unknown" : remote.getAddress().getHostAddress();
        RemoteEndpoint.Basic out = ((NativeWebSocketSession) ws).getNativeSession(Session.class).getBasicRemote();
        try {
            // A batch's frames then leave in one write, not one write each (docs/PERFORMANCE.md).
            out.setBatchingAllowed(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FramedConnection connection = connections.openFramed("ws-" + ws.getId(), address, new FramedConnection.Socket() {
            @Override
            public void write(ByteBuffer batch) {
                sendLines(out, batch);
            }

            @Override
            public void close() {
                closeQuietly(ws, CloseStatus.NORMAL);
            }
        });
        ws.getAttributes().put(CONNECTION, connection);
    }

    @Override
    protected void handleTextMessage(WebSocketSession ws, TextMessage message) {
        FramedConnection connection = (FramedConnection) ws.getAttributes().get(CONNECTION);
        String frame = message.getPayload();
        Pieces pieces = (Pieces) ws.getAttributes().get(PIECES);
        if (!message.isLast() || pieces != null) {
            if (pieces == null) {
                pieces = new Pieces();
                ws.getAttributes().put(PIECES, pieces);
            }
            pieces.add(frame, maxFrameChars);
            if (!message.isLast()) {
                return;
            }
            ws.getAttributes().remove(PIECES);
            if (pieces.tooLong) {
                connection.receivedTooLong();
                return;
            }
            frame = pieces.joined.toString();
        }
        String line = withoutLineBreak(frame);
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            connection.receivedSeveralLines();
        } else {
            connection.received(line);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession ws, CloseStatus status) {
        FramedConnection connection = (FramedConnection) ws.getAttributes().get(CONNECTION);
        if (connection != null) {
            connection.closed();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession ws, Throwable failure) {
        closeQuietly(ws, CloseStatus.SERVER_ERROR.withReason("transport error"));
    }

    /** The pieces of one frame so far; past the limit only the fact that it is too long is kept. */
    private static final class Pieces {

        private final StringBuilder joined = new StringBuilder();
        private boolean tooLong;

        void add(String piece, int maxChars) {
            if (!tooLong && joined.length() + piece.length() > maxChars) {
                tooLong = true;
                joined.setLength(0);
                joined.trimToSize();
            }
            if (!tooLong) {
                joined.append(piece);
            }
        }
    }

    /** A line break at the end of a frame is let pass (a client that sends lines as it would on TCP). */
    private static String withoutLineBreak(String frame) {
        int end = frame.length();
        if (end > 0 && frame.charAt(end - 1) == '\n') {
            end--;
            if (end > 0 && frame.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return frame.substring(0, end);
    }

    /** One text frame per line of the batch, written together; blocks until the container has written them. */
    private static void sendLines(RemoteEndpoint.Basic out, ByteBuffer batch) {
        byte[] bytes = batch.array();
        int start = batch.arrayOffset() + batch.position();
        int end = batch.arrayOffset() + batch.limit();
        try {
            for (int i = start; i < end; i++) {
                if (bytes[i] == '\n') {
                    out.sendText(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            out.flushBatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(WebSocketSession ws, CloseStatus status) {
        try {
            ws.close(status);
        } catch (IOException | RuntimeException alreadyGone) {
            // Closed either way.
        }
    }
}
