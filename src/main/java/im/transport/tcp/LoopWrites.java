package im.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The writing half of a {@link LoopConnection}: writes what the socket takes at once and keeps
 * the rest until the loop finds the socket writable, while the outbox waits. The writer's
 * thread leaves bytes here and the loop thread finishes them, so they are guarded by this.
 */
final class LoopWrites {

    private final SocketChannel channel;
    private final EventLoop loop;
    /** Set on the loop thread when it registers the connection; read there only. */
    private SelectionKey key;
    private ByteBuffer unwritten;
    private Runnable whenWritten;

    LoopWrites(SocketChannel channel, EventLoop loop) {
        this.channel = channel;
        this.loop = loop;
    }

    /** On the loop thread, when the connection is registered. */
    void registered(SelectionKey key) {
        this.key = key;
    }

    /** On the loop thread, once the connection reads: a batch sent before it was registered found no key. */
    synchronized void watchWhatWaits() {
        if (unwritten != null && key.isValid()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
    }

    /**
     * Writes what the socket takes now; the outbox's writer, one batch at a time. The rest is
     * copied: the batch may be in the loop's buffer, which the next batch reuses.
     */
    void write(ByteBuffer batch) throws IOException {
        channel.write(batch);
        if (batch.hasRemaining()) {
            ByteBuffer rest = ByteBuffer.allocate(batch.remaining()).put(batch).flip();
            synchronized (this) {
                unwritten = rest;
            }
            loop.execute(() -> {
                if (key != null && key.isValid()) {
                    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                }
            });
        }
    }

    /** Handshake records, on the loop thread: after whatever the socket has not taken yet. */
    void writeRecords(ByteBuffer records) throws IOException {
        synchronized (this) {
            if (unwritten != null) {
                unwritten = ByteBuffer.allocate(unwritten.remaining() + records.remaining()).put(unwritten).put(records)
                        .flip();
                return;
            }
        }
        channel.write(records);
        if (records.hasRemaining()) {
            synchronized (this) {
                unwritten = ByteBuffer.allocate(records.remaining()).put(records).flip();
            }
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
    }

    /** Whether bytes still wait; if so, {@code whenWritten} runs once they are out. */
    synchronized boolean backedUp(Runnable whenWritten) {
        if (unwritten == null) {
            return false;
        }
        this.whenWritten = whenWritten;
        return true;
    }

    /** On the loop thread, once the socket takes bytes again. */
    void writable() throws IOException {
        Runnable next;
        synchronized (this) {
            if (unwritten != null) {
                channel.write(unwritten);
                if (unwritten.hasRemaining()) {
                    return;
                }
            }
            unwritten = null;
            next = whenWritten;
            whenWritten = null;
        }
        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        if (next != null) {
            next.run();
        }
    }
}
