package im.inbox.store;

import im.process.OwnerOnly;
import im.process.ProcessLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The batches in append-only files of a folder: each batch one record, appended with one
 * write, in segments of about {@code segmentBytes} named by their first batch's id. A batch
 * costs what its bytes cost, where a row of SQLite costs several times that in page writes.
 *
 * <p>The records are {@link SegmentScanner}'s. An append is in the file (the kernel's page cache)
 * when it returns, so a killed server loses nothing acknowledged; a thread of its own syncs the
 * file to disk every {@code syncEvery}, and a full segment as soon as the next one starts, so a power cut
 * may take what came in since (and a full segment's tail, then, shows as damage at its end). At startup every
 * record is checked; bytes that hold no whole record are copied to the {@code quarantine} folder
 * and skipped, the scan going on at the next whole record, and only at the end of the newest
 * segment (an append a crash cut short) are they cut off. Nothing else is ever deleted but by
 * retention: segments go whole, once every batch in them is older than the retention.
 */
final class FileBatchLog implements BatchLog {

    private static final Logger log = LoggerFactory.getLogger(FileBatchLog.class);
    private static final String SUFFIX = ".batches";
    static final String QUARANTINE = "quarantine";
    private static final String LOCK = "im-server.lock";

    private final Path folder;
    private final long segmentBytes;
    private final ScheduledExecutorService syncer;
    private final ProcessLock lock;
    /** Segments by their first batch's id, oldest first; guarded by this, as are their indexes. */
    private final TreeMap<Long, BatchSegment> segments = new TreeMap<>();
    /** The id of the last batch appended; guarded by this. */
    private long lastFirst = Long.MIN_VALUE;
    /** The last position of the last whole batch seen at replay: where damage after it begins. */
    private long lastLast;
    private final List<DamagedStretch> damage = new ArrayList<>();
    private boolean replayed;
    private volatile boolean unsynced;
    /** Held for a whole append; {@link #dropSentBefore} takes it to drop the newest segment. */
    private final ReentrantLock appending = new ReentrantLock();

    FileBatchLog(Path folder, long segmentBytes, Duration syncEvery) {
        this.folder = folder;
        this.segmentBytes = segmentBytes;
        try {
            OwnerOnly.folders(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the inbox folder " + folder, e);
        }
        this.lock = ProcessLock.take(folder.resolve(LOCK), "The message folder " + folder.toAbsolutePath());
        CustomizableThreadFactory threads = new CustomizableThreadFactory("im-inbox-sync");
        threads.setDaemon(true);
        this.syncer = Executors.newSingleThreadScheduledExecutor(threads);
        syncer.scheduleWithFixedDelay(this::syncIfWritten, syncEvery.toMillis(), syncEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void replay(Consumer<StoredBatch> each) {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the inbox folder " + folder, e);
        }
        for (int i = 0; i < files.size(); i++) {
            BatchSegment segment = BatchSegment.open(files.get(i));
            boolean active = i == files.size() - 1;
            long[] lastBefore = {lastFirst, lastLast};
            segment.scan(lastFirst, batch -> {
                lastBefore[0] = batch.first();
                lastBefore[1] = batch.last();
                each.accept(batch);
            }, (from, to, toEnd, cutShort) -> stretch(segment, from, to, toEnd && active, cutShort, lastBefore[1]));
            lastLast = lastBefore[1];
            if (segment.end == 0) {
                segment.delete();
                continue;
            }
            synchronized (this) {
                segments.put(segment.count > 0 ? segment.firsts[0] : idOf(segment.file), segment);
                if (segment.count > 0) {
                    lastFirst = segment.firsts[segment.count - 1];
                }
            }
        }
        replayed = true;
    }

    @Override
    public List<DamagedStretch> damage() {
        return List.copyOf(damage);
    }

    /**
     * A stretch of a segment that holds no whole record. At the end of the newest segment, where
     * a crash cut the last append short (never acknowledged), it is cut off; anywhere else it
     * stays where it is, and the scan goes on with the next whole record. Either way the bytes
     * are copied to the quarantine folder first.
     */
    private void stretch(BatchSegment segment, int from, int to, boolean tail, boolean cutShort, long lastBefore) {
        Path quarantined = quarantine(segment, from, to);
        if (tail && cutShort) {
            log.warn("{}: the last {} bytes from byte {} are a record cut short (a crash while it was written,"
                    + " never acknowledged); cut off, copied to {}", segment.file, to - from, from, quarantined);
        } else {
            String lost = "positions after " + lastBefore + (tail ? "" : " and before the next whole record");
            damage.add(new DamagedStretch(segment.file.toString(), from, to - from, lost,
                    quarantined == null ? null : quarantined.toString()));
            log.error("{}: {} damaged bytes at byte {} hold no whole record: the messages and acknowledgements of {}"
                    + " are lost; the bytes are copied to {}, the records after them are kept (check the disk)",
                    segment.file, to - from, from, lost, quarantined);
        }
        if (tail) {
            try {
                segment.truncate(from);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot cut " + segment.file + " off at byte " + from, e);
            }
        }
    }

    private Path quarantine(BatchSegment segment, long from, long to) {
        Path copy = folder.resolve(QUARANTINE).resolve(segment.file.getFileName() + "." + from + "-" + to);
        try {
            OwnerOnly.folders(copy.getParent());
            if (!Files.exists(copy)) {
                Files.createFile(copy, OwnerOnly.file());
                Files.write(copy, segment.bytes(from, to));
            }
            return copy;
        } catch (IOException e) {
            log.error("Cannot copy the damaged bytes {} to {} of {} to {}: {}", from, to, segment.file, copy, e.toString());
            return null;
        }
    }

    private static long idOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " is not named by its first batch's id", e);
        }
    }

    @Override
    public void append(StoredBatch batch) {
        if (!replayed) {
            throw new IllegalStateException("replay the log before appending to it");
        }
        appending.lock();
        try {
            appendToNewest(batch);
        } finally {
            appending.unlock();
        }
    }

    private void appendToNewest(StoredBatch batch) {
        BatchSegment segment;
        synchronized (this) {
            if (batch.first() <= lastFirst) {
                throw new IllegalArgumentException("batch " + batch.first() + " is not above the last one stored");
            }
            segment = active();
        }
        if (segment == null || segment.end >= segmentBytes) {
            segment = startSegment(segment, batch.first());
        }
        long offset = segment.end;
        try {
            segment.write(batch);
        } catch (IOException e) {
            // What may have reached the file is cut off again, so that the next append starts clean.
            try {
                segment.truncate(offset);
            } catch (IOException alsoFailed) {
                log.warn("Cannot cut {} off at byte {}: {}", segment.file, offset, alsoFailed.toString());
            }
            throw new UncheckedIOException("cannot append to " + segment.file, e);
        }
        synchronized (this) {
            segment.indexed(batch, offset);
            lastFirst = batch.first();
        }
        unsynced = true;
    }

    @Override
    public boolean appendsQuickly() {
        // Not the append that opens the next segment's file.
        BatchSegment segment = active();
        return segment != null && segment.end < segmentBytes;
    }

    @Override
    public void sync() {
        BatchSegment segment = active();
        if (segment != null) {
            try {
                segment.sync();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot sync " + segment.file, e);
            }
        }
    }

    @Override
    public byte[] read(long first) {
        BatchSegment segment;
        long offset;
        synchronized (this) {
            Map.Entry<Long, BatchSegment> holding = segments.floorEntry(first);
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

    /**
     * Runs while batches are appended: the newest segment, which an append in progress may be
     * writing to outside this object's lock, goes only between appends.
     */
    @Override
    public long dropSentBefore(long sentBefore) {
        List<BatchSegment> dropped = new ArrayList<>();
        long firstKept = dropOldest(sentBefore, false, dropped);
        if (firstKept < 0) {
            appending.lock();
            try {
                firstKept = dropOldest(sentBefore, true, dropped);
            } finally {
                appending.unlock();
            }
        }
        dropped.forEach(BatchSegment::delete);
        return firstKept;
    }

    /** Takes segments wholly sent before {@code sentBefore} off the list, oldest first; returns the first batch kept. */
    private synchronized long dropOldest(long sentBefore, boolean newestToo, List<BatchSegment> dropped) {
        long firstKept = -1;
        for (var holding = segments.values().iterator(); holding.hasNext() && firstKept < 0; ) {
            BatchSegment segment = holding.next();
            if (!newestToo && !holding.hasNext()) {
                break;
            }
            firstKept = segment.firstSentSince(sentBefore);
            if (firstKept < 0) {
                holding.remove();
                dropped.add(segment);
            }
        }
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
        syncQuietly(active());
        synchronized (this) {
            segments.values().forEach(BatchSegment::closeQuietly);
            segments.clear();
        }
        lock.close();
    }

    private BatchSegment startSegment(BatchSegment full, long first) {
        if (full != null) {
            // Written for good, on the sync thread: a full segment's sync takes tens of
            // milliseconds, which the appending thread (often an event loop) must not wait.
            try {
                syncer.execute(() -> syncQuietly(full));
            } catch (RejectedExecutionException closing) {
                syncQuietly(full);
            }
        }
        Path file = folder.resolve(String.format("%020d%s", first, SUFFIX));
        BatchSegment started = BatchSegment.open(file);
        synchronized (this) {
            segments.put(first, started);
        }
        return started;
    }

    /** The sync thread's round: the newest segment, if anything was appended since the last. */
    private void syncIfWritten() {
        if (unsynced) {
            unsynced = false;
            syncQuietly(active());
        }
    }

    private static void syncQuietly(BatchSegment segment) {
        if (segment == null) {
            return;
        }
        try {
            segment.sync();
        } catch (ClosedChannelException dropped) {
            // Deleted meanwhile: nothing left to sync.
        } catch (IOException e) {
            log.warn("Syncing {} failed: {}", segment.file, e.toString());
        }
    }

    /** The segment that starts with batch {@code first}, or null. */
    synchronized BatchSegment segmentStartingAt(long first) {
        return segments.get(first);
    }

    /** The segment appends go to: the newest; null before the first append into a new one. */
    private synchronized BatchSegment active() {
        return segments.isEmpty() ? null : segments.lastEntry().getValue();
    }
}
