package im.inbox;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of a {@link FileBatchLog}: its records, and where each of its batches starts. A
 * record: its body's length, a CRC-32C of the rest, the batch's first and last position and
 * sent time, the body. The index fields are guarded by the log.
 */
final class BatchSegment {

    private static final Logger log = LoggerFactory.getLogger(BatchSegment.class);
    /** Body length, CRC, first and last position, sent time. */
    static final int HEADER_BYTES = 4 + 4 + 8 + 8 + 8;

    final Path file;
    /** Appends and syncs: the writer's and the sync thread's, neither ever interrupted (that would close it). */
    final FileChannel channel;
    /**
     * Reads, by command threads: a file of its own, since an interrupted read of a
     * FileChannel would close the channel for everybody. Opened at the first read, guarded by itself.
     */
    private RandomAccessFile reader;
    volatile boolean deleted;
    final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    long[] firsts = new long[64];
    long[] offsets = new long[64];
    long[] sentAts = new long[64];
    int count;
    /** Where the next record goes; written by the writer thread only. */
    long end;

    private BatchSegment(Path file, FileChannel channel, long end) {
        this.file = file;
        this.channel = channel;
        this.end = end;
    }

    static BatchSegment open(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            return new BatchSegment(file, channel, channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /**
     * Reads the records in order, indexing and handing on each whole one, and returns where
     * the whole ones end: at the first record that is short, fails its CRC, or does not
     * follow {@code after}, which the caller cuts off.
     */
    long scan(long after, Consumer<BatchLog.StoredBatch> each) {
        long position = 0;
        long previous = after;
        try (InputStream file = Files.newInputStream(this.file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(file, 1 << 16))) {
            while (position + HEADER_BYTES <= end) {
                int length = in.readInt();
                int crc = in.readInt();
                long first = in.readLong();
                long last = in.readLong();
                long sentAt = in.readLong();
                if (length < 0 || length > end - position - HEADER_BYTES || first <= previous || last < first) {
                    break;
                }
                byte[] body = new byte[length];
                in.readFully(body);
                if (crc(first, last, sentAt, body) != crc) {
                    break;
                }
                BatchLog.StoredBatch batch = new BatchLog.StoredBatch(first, last, sentAt, body);
                indexed(batch, position);
                each.accept(batch);
                previous = first;
                position += HEADER_BYTES + length;
            }
        } catch (EOFException shorter) {
            // The file ended inside a record: cut off below.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return position;
    }

    void write(BatchLog.StoredBatch batch) throws IOException {
        byte[] body = batch.body();
        header.clear();
        header.putInt(body.length).putInt(crc(batch.first(), batch.last(), batch.sentAt(), body))
                .putLong(batch.first()).putLong(batch.last()).putLong(batch.sentAt()).flip();
        ByteBuffer[] record = {header, ByteBuffer.wrap(body)};
        long written = 0;
        long size = HEADER_BYTES + body.length;
        channel.position(end);
        while (written < size) {
            written += channel.write(record);
        }
        end += size;
    }

    void indexed(BatchLog.StoredBatch batch, long offset) {
        if (count == firsts.length) {
            int grown = count * 2;
            firsts = Arrays.copyOf(firsts, grown);
            offsets = Arrays.copyOf(offsets, grown);
            sentAts = Arrays.copyOf(sentAts, grown);
        }
        firsts[count] = batch.first();
        offsets[count] = offset;
        sentAts[count] = batch.sentAt();
        count++;
    }

    long offsetOf(long first) {
        int found = Arrays.binarySearch(firsts, 0, count, first);
        return found < 0 ? -1 : offsets[found];
    }

    /** The first batch sent at or after the time, or -1 if all of this segment is older. */
    long firstSentSince(long sentAt) {
        for (int i = 0; i < count; i++) {
            if (sentAts[i] >= sentAt) {
                return firsts[i];
            }
        }
        return -1;
    }

    byte[] readBody(long offset) throws IOException {
        synchronized (this) {
            if (reader == null) {
                reader = new RandomAccessFile(file.toFile(), "r");
            }
            reader.seek(offset);
            byte[] body = new byte[reader.readInt()];
            reader.seek(offset + HEADER_BYTES);
            reader.readFully(body);
            return body;
        }
    }

    /** Cuts the file off at {@code size}: where the next record goes. */
    void truncate(long size) throws IOException {
        channel.truncate(size);
        end = size;
    }

    void sync() throws IOException {
        channel.force(false);
    }

    void delete() {
        deleted = true;
        closeQuietly();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file, e.toString());
        }
    }

    void closeQuietly() {
        try {
            channel.close();
            synchronized (this) {
                if (reader != null) {
                    reader.close();
                }
            }
        } catch (IOException e) {
            log.warn("Cannot close {}: {}", file, e.toString());
        }
    }

    private static int crc(long first, long last, long sentAt, byte[] body) {
        CRC32C crc = new CRC32C();
        ByteBuffer fields = ByteBuffer.allocate(24).putLong(first).putLong(last).putLong(sentAt).flip();
        crc.update(fields);
        crc.update(body);
        return (int) crc.getValue();
    }
}
