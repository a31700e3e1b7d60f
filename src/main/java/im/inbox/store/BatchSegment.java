package im.inbox.store;

import im.process.OwnerOnly;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of a {@link FileBatchLog}: its records ({@link SegmentScanner} has their format), and
 * where each of its batches starts. The index fields are guarded by the log.
 */
final class BatchSegment {

    private static final Logger log = LoggerFactory.getLogger(BatchSegment.class);

    final Path file;
    /** Appends and syncs: the writer's and the sync thread's, neither ever interrupted (that would close it). */
    final FileChannel channel;
    /**
     * Reads, by command threads: a file of its own, since an interrupted read of a
     * FileChannel would close the channel for everybody. Opened at the first read, guarded by itself.
     */
    private RandomAccessFile reader;
    volatile boolean deleted;
    /** The thread that synced it last, or null: for the tests. */
    volatile String syncedBy;
    final ByteBuffer header = ByteBuffer.allocate(SegmentScanner.HEADER_BYTES);
    long[] firsts = new long[64];
    long[] offsets = new long[64];
    long[] sentAts = new long[64];
    int count;
    /** Where the next record goes; written by one thread at a time, under the inbox writer's lock. */
    long end;
    /** Whether the channel's own position is {@link #end}: set once, then each write moves both. */
    private boolean positioned;

    private BatchSegment(Path file, FileChannel channel, long end) {
        this.file = file;
        this.channel = channel;
        this.end = end;
    }

    static BatchSegment open(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), OwnerOnly.file());
            return new BatchSegment(file, channel, channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /**
     * Reads the records in order, indexing and handing on each whole one whose first position
     * is above {@code after}, and tells {@code damaged} of every stretch between them.
     */
    void scan(long after, Consumer<BatchLog.StoredBatch> each, Damaged damaged) {
        if (end > Integer.MAX_VALUE) {
            throw new IllegalStateException(file + " is over 2 GB: not a segment of this server");
        }
        ByteBuffer data;
        try {
            data = end == 0 ? ByteBuffer.allocate(0) : channel.map(FileChannel.MapMode.READ_ONLY, 0, end);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        SegmentScanner.scan(data, after, new SegmentScanner.Visitor() {
            @Override
            public void record(SegmentScanner.Found found) {
                byte[] body = new byte[found.length()];
                data.get(found.bodyOffset(), body);
                BatchLog.StoredBatch batch = new BatchLog.StoredBatch(found.first(), found.last(), found.sentAt(), body);
                indexed(batch, found.offset());
                each.accept(batch);
            }

            @Override
            public void damaged(int from, int to, boolean toEnd) {
                damaged.at(from, to, toEnd, toEnd && SegmentScanner.cutShort(data, from));
            }
        });
    }

    /** A stretch of the segment that holds no whole record ({@link SegmentScanner.Visitor#damaged}). */
    interface Damaged {

        /** {@code cutShort}: the stretch runs to the end and looks like an append a crash cut short. */
        void at(int from, int to, boolean toEnd, boolean cutShort);
    }

    /** The bytes from {@code from} to {@code to}, for a quarantine file. */
    byte[] bytes(long from, long to) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(to - from));
        while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) >= 0) {
            // until all is read
        }
        return bytes.array();
    }

    void write(BatchLog.StoredBatch batch) throws IOException {
        byte[] body = batch.body();
        SegmentScanner.header(header, batch.first(), batch.last(), batch.sentAt(), body);
        ByteBuffer[] record = {header, ByteBuffer.wrap(body)};
        long written = 0;
        long size = SegmentScanner.HEADER_BYTES + body.length;
        if (!positioned) {
            channel.position(end);
            positioned = true;
        }
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
            int firstWord = reader.readInt();
            int length = firstWord == SegmentScanner.MARKER ? reader.readInt() : firstWord;
            byte[] body = new byte[length];
            reader.seek(offset + SegmentScanner.headerBytes(firstWord));
            reader.readFully(body);
            return body;
        }
    }

    /** Cuts the file off at {@code size}: where the next record goes. */
    void truncate(long size) throws IOException {
        channel.truncate(size);
        end = size;
        positioned = false;
    }

    void sync() throws IOException {
        channel.force(false);
        syncedBy = Thread.currentThread().getName();
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
}
