package im.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The client side of im/1 over WebSocket for the load generator (RFC 6455, the part it needs):
 * the upgrade request, each line as one masked text frame, and the server's text frames cut out
 * of what it reads. Hand-written rather than a WebSocket library so that both transports run in
 * the same single-threaded generator, and the difference measured is the server's.
 */
final class WebSocketFrames {

    private final int mask = ThreadLocalRandom.current().nextInt();
    private boolean upgraded;

    /** The upgrade request, sent before any line. */
    static byte[] upgradeRequest(String host, int port) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return ("GET /ws HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The frame header and masked payload of one line, written into {@code out} (which must have room). */
    void frame(byte[] line, ByteBuffer out) {
        out.put((byte) 0x81);
        if (line.length < 126) {
            out.put((byte) (0x80 | line.length));
        } else {
            out.put((byte) (0x80 | 126)).putShort((short) line.length);
        }
        out.putInt(mask);
        for (int i = 0; i < line.length; i++) {
            out.put((byte) (line[i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
    }

    static int frameSize(int lineLength) {
        return lineLength + (lineLength < 126 ? 6 : 8);
    }

    /**
     * Hands on each whole text frame in {@code in} (flipped) as a line, past the upgrade response
     * first, and leaves {@code in} at the first byte not used; false once the server closed.
     */
    boolean read(ByteBuffer in, Consumer<String> onLine) throws IOException {
        if (!upgraded && !skipUpgradeResponse(in)) {
            return true;
        }
        while (in.remaining() >= 2) {
            int start = in.position();
            int opcode = in.get(start) & 0x0f;
            int length = in.get(start + 1) & 0x7f;
            int header = 2;
            if (length == 126) {
                if (in.remaining() < 4) {
                    return true;
                }
                length = in.getShort(start + 2) & 0xffff;
                header = 4;
            } else if (length == 127) {
                throw new IOException("a frame over 64 KB from the server");
            }
            if (in.remaining() < header + length) {
                return true;
            }
            if (opcode == 0x8) {
                return false;
            }
            if (opcode == 0x1) {
                onLine.accept(new String(in.array(), start + header, length, StandardCharsets.UTF_8));
            }
            in.position(start + header + length);
        }
        return true;
    }

    private boolean skipUpgradeResponse(ByteBuffer in) throws IOException {
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                String status = new String(in.array(), in.position(), Math.min(12, i - in.position()),
                        StandardCharsets.US_ASCII);
                if (!status.contains("101")) {
                    throw new IOException("the server refused the WebSocket upgrade: " + status);
                }
                in.position(i + 4);
                upgraded = true;
                return true;
            }
        }
        return false;
    }
}
