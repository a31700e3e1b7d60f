package im.inbox;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The batches in append-only files of a folder: each batch one record, appended with one
 * write, in segments of about {@code segmentBytes} named by their first batch's id. A batch
 * costs what its bytes cost; as a row of SQLite it cost about 3.6 times its size in page
 * writes (its pages in the write-ahead log, then again at each checkpoint, each with the
 * table's and indexes' pages around it) and two fsyncs per checkpoint, all on the writer's
 * thread (docs/PERFORMANCE.md, the eighth look).
 *
 * <p>A record: its body's length, a CRC-32C of the rest, the batch's first and last position
 * and sent time, the body. An append is in the file (the kernel's page cache) when it returns,
 * so a killed server loses nothing acknowledged; a thread of its own syncs the file to disk
 * every {@code syncEvery}, so a power cut may take what came in since. At startup a record
 * that a crash left short or torn (its length or CRC wrong) ends its segment: it is cut off, and
 * logged. Segments are deleted whole, once every batch in them is older than the retention.
 */
final class FileBatchLog implements BatchLog {

    private static final Logger log = LoggerFactory.getLogger(FileBatchLog.class);
    private static final String SUFFIX = ".batches";
    /** Body length, CRC, first and last position, sent time. */
    private static final int HEADER_BYTES = 4 + 4 + 8 + 8 + 8;

    private final Path folder;
    private final long segmentBytes;
    private final ScheduledExecutorService syncer;
    /** Segments by their first batch's id, oldest first; guarded by this, as are their indexes. */
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    /** The segment appends go to; null before the first append into a new one. Guarded by this. */
    private Segment active;
    /** The id of the last batch appended; guarded by this. */
    private long lastFirst = Long.MIN_VALUE;
    private boolean replayed;
    private volatile boolean unsynced;

    FileBatchLog(Path folder, long segmentBytes, Duration syncEvery) {
        this.folder = folder;
        this.segmentBytes = segmentBytes;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the inbox folder " + folder, e);
        }
        CustomizableThreadFactory threads = new CustomizableThreadFactory("im-inbox-sync");
        threads.setDaemon(true);
        this.syncer = Executors.newSingleThreadScheduledExecutor(threads);
        syncer.scheduleWithFixedDelay(this::syncQuietly, syncEvery.toMillis(), syncEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void replay(Consumer<StoredBatch> each) {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the inbox folder " + folder, e);
        }
        long highest = Long.MIN_VALUE;
        for (Path file : files) {
            Segment segment = Segment.open(file);
            long end = segment.scan(highest, each);
            if (end < segment.end) {
                log.warn("{}: the record at byte {} is incomplete or damaged (a crash while it was written?);"
                        + " cut off there, {} bytes dropped", file, end, segment.end - end);
                segment.truncate(end);
            }
            if (segment.count == 0) {
                segment.delete();
                continue;
            }
            highest = segment.firsts[segment.count - 1];
            synchronized (this) {
                segments.put(segment.firsts[0], segment);
                active = segment;
                lastFirst = highest;
            }
        }
        replayed = true;
    }

    @Override
    public void append(StoredBatch batch) {
        if (!replayed) {
            throw new IllegalStateException("replay the log before appending to it");
        }
        Segment segment;
        synchronized (this) {
            if (batch.first() <= lastFirst) {
                throw new IllegalArgumentException("batch " + batch.first() + " is not above the last one stored");
            }
            segment = active;
        }
        if (segment == null || segment.end >= segmentBytes) {
            segment = startSegment(segment, batch.first());
        }
        long offset = segment.end;
        try {
            segment.write(batch);
        } catch (IOException e) {
            // What may have reached the file is cut off again, so that the next append starts clean.
            segment.truncateQuietly(offset);
            throw new UncheckedIOException("cannot append to " + segment.file, e);
        }
        synchronized (this) {
            segment.indexed(batch, offset);
            lastFirst = batch.first();
        }
        unsynced = true;
    }

    @Override
    public byte[] read(long first) {
        Segment segment;
        long offset;
        synchronized (this) {
            Map.Entry<Long, Segment> holding = segments.floorEntry(first);
            if (holding == null) {
                return null;
            }
            segment = holding.getValue();
            offset = segment.offsetOf(first);
        }
        if (offset < 0) {
            return null;
        }
        try {
            return segment.readBody(offset);
        } catch (IOException e) {
            if (segment.deleted) {
                return null;
            }
            throw new UncheckedIOException("cannot read " + segment.file, e);
        }
    }

    @Override
    public long dropSentBefore(long sentBefore) {
        List<Segment> dropped = new ArrayList<>();
        long firstKept = -1;
        synchronized (this) {
            for (var holding = segments.values().iterator(); holding.hasNext() && firstKept < 0; ) {
                Segment segment = holding.next();
                firstKept = segment.firstSentSince(sentBefore);
                if (firstKept < 0) {
                    holding.remove();
                    dropped.add(segment);
                    if (segment == active) {
                        active = null;
                    }
                }
            }
        }
        dropped.forEach(Segment::delete);
        return firstKept;
    }

    @Override
    public void close() {
        // Not shutdownNow: an interrupt inside force() would close the channel under it.
        syncer.shutdown();
        try {
            syncer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unsynced = true;
        syncQuietly();
        synchronized (this) {
            segments.values().forEach(Segment::closeQuietly);
            segments.clear();
            active = null;
        }
    }

    private Segment startSegment(Segment full, long first) {
        if (full != null) {
            // A full segment is written for good: on disk before the log moves on.
            syncQuietly(full);
        }
        Path file = folder.resolve(String.format("%020d%s", first, SUFFIX));
        Segment started = Segment.open(file);
        synchronized (this) {
            segments.put(first, started);
            active = started;
        }
        return started;
    }

    private void syncQuietly() {
        if (!unsynced) {
            return;
        }
        unsynced = false;
        Segment segment;
        synchronized (this) {
            segment = active;
        }
        if (segment != null) {
            syncQuietly(segment);
        }
    }

    private static void syncQuietly(Segment segment) {
        try {
            segment.channel.force(false);
        } catch (ClosedChannelException dropped) {
            // Deleted meanwhile: nothing left to sync.
        } catch (IOException e) {
            log.warn("Syncing {} failed: {}", segment.file, e.toString());
        }
    }

    /** One file of the log, and where each of its batches starts. Index fields guarded by the log. */
    private static final class Segment {

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

        private Segment(Path file, FileChannel channel, long end) {
            this.file = file;
            this.channel = channel;
            this.end = end;
        }

        static Segment open(Path file) {
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                return new Segment(file, channel, channel.size());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + file, e);
            }
        }

        /**
         * Reads the records in order, indexing and handing on each whole one, and returns where
         * the whole ones end: at the first record that is short, fails its CRC, or does not
         * follow {@code after}, which the caller cuts off.
         */
        long scan(long after, Consumer<StoredBatch> each) {
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
                    StoredBatch batch = new StoredBatch(first, last, sentAt, body);
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

        void write(StoredBatch batch) throws IOException {
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

        void indexed(StoredBatch batch, long offset) {
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

        void truncate(long size) {
            try {
                channel.truncate(size);
                end = size;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot cut " + file + " off at byte " + size, e);
            }
        }

        void truncateQuietly(long size) {
            try {
                channel.truncate(size);
            } catch (IOException e) {
                log.warn("Cannot cut {} off at byte {}: {}", file, size, e.toString());
            }
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

    private static int crc(long first, long last, long sentAt, byte[] body) {
        CRC32C crc = new CRC32C();
        ByteBuffer fields = ByteBuffer.allocate(24).putLong(first).putLong(last).putLong(sentAt).flip();
        crc.update(fields);
        crc.update(body);
        return (int) crc.getValue();
    }
}
