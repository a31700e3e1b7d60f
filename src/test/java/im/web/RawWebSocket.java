package im.web;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A WebSocket spoken byte by byte, for frames a well-behaved client cannot send (invalid UTF-8). */
final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawWebSocket connect(int port) throws IOException {
        return over(new Socket("127.0.0.1", port), port);
    }

    /** Over a socket already connected to {@code port} (a TLS one, say). */
    static RawWebSocket over(Socket connected, int port) throws IOException {
        RawWebSocket ws = new RawWebSocket(connected);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        ws.out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String status = ws.readHttpLine();
        if (!status.contains(" 101 ")) {
            throw new IOException("no upgrade: " + status);
        }
        while (!ws.readHttpLine().isEmpty()) {
            // the response's headers
        }
        return ws;
    }

    private String readHttpLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** One masked text frame holding exactly these bytes. */
    void sendTextFrame(byte[] payload) throws IOException {
        byte[] mask = {1, 2, 3, 4};
        out.write(0x81);
        out.write(0x80 | payload.length);
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    String readTextFrame() throws IOException {
        byte[] payload = readFrame(0x1);
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Reads past text frames to the close frame: its status code. */
    int readCloseCode() throws IOException {
        byte[] payload = readFrame(0x8);
        return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    private byte[] readFrame(int opcode) throws IOException {
        while (true) {
            int first = in.readUnsignedByte();
            int length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                throw new IOException("frame too long for this test");
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            if ((first & 0x0f) == opcode) {
                return payload;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
