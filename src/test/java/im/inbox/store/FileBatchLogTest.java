package im.inbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.testing.DiskDamage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch files: appends read back, across restarts, segments, crashes and retention. */
class FileBatchLogTest {

    private static final int SEGMENT_BYTES = 4096;

    @TempDir
    Path dir;

    private final List<FileBatchLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() {
        opened.forEach(FileBatchLog::close);
    }

    @Test
    void batchesAreReadBackAndReplayedInOrderAfterAReopen() {
        FileBatchLog log = open(new ArrayList<>());
        // Bodies of 2,500 bytes: segments of two batches, [10 20] [30 40] [50 60] [70].
        for (long first = 10; first <= 70; first += 10) {
            log.append(batch(first, 1000 + first, 2500));
        }
        assertThat(body(log.read(30))).isEqualTo(body(batch(30, 1030, 2500).body()));
        assertThat(log.read(31)).as("not a batch's id").isNull();
        assertThat(log.read(5)).as("before the first batch").isNull();
        assertThat(segmentFiles()).hasSize(4);

        List<BatchLog.StoredBatch> replayed = new ArrayList<>();
        FileBatchLog reopened = open(replayed);
        assertThat(replayed).extracting(BatchLog.StoredBatch::first).containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L);
        assertThat(replayed.get(6).last()).isEqualTo(71);
        assertThat(replayed.get(6).sentAt()).isEqualTo(1070);
        assertThat(body(replayed.get(3).body())).isEqualTo(body(batch(40, 1040, 2500).body()));
        assertThat(body(reopened.read(70))).isEqualTo(body(batch(70, 1070, 2500).body()));
    }

    @Test
    void anAppendIsQuickOnlyWhenItDoesNotStartASegment() {
        FileBatchLog log = open(new ArrayList<>());
        assertThat(log.appendsQuickly()).as("no segment yet: the first append makes one").isFalse();
        log.append(batch(10, 1010, 2500));
        assertThat(log.appendsQuickly()).as("room left in the segment").isTrue();
        log.append(batch(20, 1020, 2500));
        assertThat(log.appendsQuickly()).as("the segment is full: the next append opens a file").isFalse();
    }

    @Test
    void aFullSegmentIsSyncedByTheSyncThreadNotByTheAppendThatStartsTheNext() {
        FileBatchLog log = new FileBatchLog(dir, SEGMENT_BYTES, Duration.ofHours(1));
        opened.add(log);
        log.replay(batch -> { });
        log.append(batch(10, 1010, 2500));
        log.append(batch(20, 1020, 2500));
        BatchSegment full = log.segmentStartingAt(10);
        assertThat(full.syncedBy).as("not synced while it fills").isNull();

        log.append(batch(30, 1030, 2500));

        await().atMost(Duration.ofSeconds(10)).until(() -> full.syncedBy != null);
        assertThat(full.syncedBy).startsWith("im-inbox-sync").isNotEqualTo(Thread.currentThread().getName());
        assertThat(body(log.read(30))).isEqualTo(body(batch(30, 1030, 2500).body()));
    }

    @Test
    void aRecordCutShortByACrashIsDroppedAtStartupAndAppendsGoOnAfterTheLastWholeOne() throws IOException {
        FileBatchLog log = open(new ArrayList<>());
        log.append(batch(1, 100, 200));
        log.append(batch(2, 200, 200));
        log.close();
        Path file = segmentFiles().get(0);
        // As if the server died inside the write of batch 2.
        truncate(file, Files.size(file) - 50);

        List<BatchLog.StoredBatch> replayed = new ArrayList<>();
        FileBatchLog reopened = open(replayed);
        assertThat(replayed).extracting(BatchLog.StoredBatch::first).containsExactly(1L);
        assertThat(reopened.read(2)).isNull();
        reopened.append(batch(3, 300, 200));
        reopened.close();

        replayed.clear();
        open(replayed);
        assertThat(replayed).extracting(BatchLog.StoredBatch::first).containsExactly(1L, 3L);
    }

    @Test
    void aDamagedRecordInTheMiddleIsSkippedQuarantinedAndReportedAndEveryLaterRecordIsKept() throws IOException {
        FileBatchLog log = openLarge(new ArrayList<>());
        for (long first = 1; first <= 200; first++) {
            log.append(batch(first, 1_700_000_000_000L + first, 100));
        }
        log.close();
        Path segment = segmentFiles().get(0);
        long sizeBefore = Files.size(segment);
        long recordBytes = SegmentScanner.HEADER_BYTES + 100;
        DiskDamage.flipBit(segment, 19 * recordBytes + SegmentScanner.HEADER_BYTES + 7);

        List<BatchLog.StoredBatch> replayed = new ArrayList<>();
        FileBatchLog reopened = openLarge(replayed);
        assertThat(replayed).hasSize(199).extracting(BatchLog.StoredBatch::first).doesNotContain(20L).contains(19L, 21L, 200L);
        assertThat(Files.size(segment)).as("nothing deleted from the file").isEqualTo(sizeBefore);
        assertThat(reopened.damage()).singleElement().satisfies(stretch -> {
            assertThat(stretch.from()).isEqualTo(19 * recordBytes);
            assertThat(stretch.bytes()).isEqualTo(recordBytes);
            assertThat(stretch.lost()).contains("after 20");
            assertThat(Path.of(stretch.quarantinedIn())).hasSize(recordBytes);
        });
        reopened.append(batch(201, 1_700_000_000_201L, 100));
        reopened.close();

        replayed.clear();
        openLarge(replayed);
        assertThat(replayed).hasSize(200).extracting(BatchLog.StoredBatch::first).contains(201L);
    }

    @Test
    void aDamagedFirstRecordLosesThatRecordOnly() throws IOException {
        FileBatchLog log = openLarge(new ArrayList<>());
        for (long first = 1; first <= 200; first++) {
            log.append(batch(first, 1_700_000_000_000L + first, 100));
        }
        log.close();
        DiskDamage.flipBit(segmentFiles().get(0), 5);

        List<BatchLog.StoredBatch> replayed = new ArrayList<>();
        FileBatchLog reopened = openLarge(replayed);
        assertThat(replayed).hasSize(199).extracting(BatchLog.StoredBatch::first).startsWith(2L);
        assertThat(reopened.damage()).hasSize(1);
    }

    @Test
    void damageInAnOlderSegmentKeepsItsLaterRecordsAndTheLaterSegments() throws IOException {
        FileBatchLog log = open(new ArrayList<>());
        for (long first = 1; first <= 5; first++) {
            log.append(batch(first, first * 100, 2500));
        }
        log.close();
        Path firstSegment = segmentFiles().get(0);
        // A byte of the second record's body, flipped: the end of a segment that is not the newest.
        DiskDamage.flipBit(firstSegment, Files.size(firstSegment) - 10);

        List<BatchLog.StoredBatch> replayed = new ArrayList<>();
        FileBatchLog reopened = open(replayed);
        assertThat(replayed).extracting(BatchLog.StoredBatch::first).containsExactly(1L, 3L, 4L, 5L);
        assertThat(reopened.damage()).hasSize(1);
        assertThat(Files.size(firstSegment)).as("kept whole").isEqualTo(2 * (SegmentScanner.HEADER_BYTES + 2500L));
    }

    @Test
    void zerosAtTheEndOfTheNewestSegmentAreATornTailNotDamage() throws IOException {
        FileBatchLog log = open(new ArrayList<>());
        log.append(batch(1, 100, 200));
        log.close();
        Path file = segmentFiles().get(0);
        long whole = Files.size(file);
        truncate(file, whole + 300);

        List<BatchLog.StoredBatch> replayed = new ArrayList<>();
        FileBatchLog reopened = open(replayed);
        assertThat(replayed).extracting(BatchLog.StoredBatch::first).containsExactly(1L);
        assertThat(reopened.damage()).isEmpty();
        assertThat(file).hasSize(whole);
    }

    @Test
    void recordsOfTheFirstFormatAreStillReadAndNewOnesFollowThem() throws IOException {
        Path file = dir.resolve(String.format("%020d.batches", 1));
        byte[] body = "old batch".getBytes(StandardCharsets.US_ASCII);
        java.nio.ByteBuffer record = java.nio.ByteBuffer.allocate(SegmentScanner.OLD_HEADER_BYTES + body.length);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        java.nio.ByteBuffer fields = java.nio.ByteBuffer.allocate(24).putLong(1).putLong(2).putLong(1234).flip();
        crc.update(fields);
        crc.update(body);
        record.putInt(body.length).putInt((int) crc.getValue()).putLong(1).putLong(2).putLong(1234).put(body);
        Files.write(file, record.array());

        List<BatchLog.StoredBatch> replayed = new ArrayList<>();
        FileBatchLog log = open(replayed);
        assertThat(replayed).extracting(BatchLog.StoredBatch::last).containsExactly(2L);
        assertThat(body(log.read(1))).isEqualTo("old batch");
        log.append(batch(3, 2000, 10));
        log.close();

        replayed.clear();
        FileBatchLog reopened = open(replayed);
        assertThat(replayed).extracting(BatchLog.StoredBatch::first).containsExactly(1L, 3L);
        assertThat(body(reopened.read(1))).isEqualTo("old batch");
        assertThat(reopened.read(3)).hasSize(10);
    }

    @Test
    void anIdNotAboveTheLastIsRefusedAndTheNextOneIsStored() {
        FileBatchLog log = open(new ArrayList<>());
        log.append(batch(5, 500, 10));
        assertThatThrownBy(() -> log.append(batch(5, 600, 10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(batch(4, 600, 10))).isInstanceOf(IllegalArgumentException.class);
        log.append(batch(6, 600, 10));
        log.close();

        List<BatchLog.StoredBatch> replayed = new ArrayList<>();
        open(replayed);
        assertThat(replayed).extracting(BatchLog.StoredBatch::sentAt).containsExactly(500L, 600L);
    }

    @Test
    void retentionDeletesWholeSegmentsAndNamesTheFirstBatchStillNeeded() {
        FileBatchLog log = open(new ArrayList<>());
        // Two batches per segment: [1 2] [3 4] [5].
        for (long first = 1; first <= 5; first++) {
            log.append(batch(first, first * 100, 2500));
        }
        assertThat(log.dropSentBefore(50)).isEqualTo(1);
        assertThat(log.dropSentBefore(300)).as("batch 3 is the first sent since").isEqualTo(3);
        assertThat(segmentFiles()).hasSize(2);
        assertThat(log.read(2)).isNull();
        assertThat(log.read(3)).isNotNull();
        assertThat(log.dropSentBefore(450)).as("[3 4] goes whole, once both are old").isEqualTo(5);
        assertThat(segmentFiles()).hasSize(1);

        assertThat(log.dropSentBefore(10_000)).as("nothing left").isEqualTo(-1);
        assertThat(segmentFiles()).isEmpty();
        log.append(batch(6, 600, 10));
        assertThat(log.read(6)).isNotNull();
        log.close();

        List<BatchLog.StoredBatch> replayed = new ArrayList<>();
        open(replayed);
        assertThat(replayed).extracting(BatchLog.StoredBatch::first).containsExactly(6L);
    }

    @Test
    void retentionRunningBesideAppendsNeverTakesABatchBeingAppended() throws Exception {
        FileBatchLog log = open(new ArrayList<>());
        AtomicLong appendedThrough = new AtomicLong();
        AtomicBoolean appending = new AtomicBoolean(true);
        // Each drop takes everything appended so far: the newest segment goes whole, often while the next append writes to it.
        Thread retention = new Thread(() -> {
            while (appending.get()) {
                log.dropSentBefore(appendedThrough.get() + 1);
            }
        });
        retention.start();
        try {
            for (long first = 1; first <= 3000; first++) {
                log.append(batch(first, first, 1000));
                assertThat(log.read(first)).as("batch %d, just appended", first).isNotNull();
                appendedThrough.set(first);
            }
        } finally {
            appending.set(false);
            retention.join();
        }
    }

    @Test
    void anAppendBeforeTheReplayIsAMistake() {
        FileBatchLog log = new FileBatchLog(dir, SEGMENT_BYTES, Duration.ofSeconds(1));
        opened.add(log);
        assertThatThrownBy(() -> log.append(batch(1, 1, 1))).isInstanceOf(IllegalStateException.class);
    }

    private FileBatchLog openLarge(List<BatchLog.StoredBatch> replayed) {
        FileBatchLog log = new FileBatchLog(dir, 1 << 20, Duration.ofMillis(10));
        opened.add(log);
        log.replay(replayed::add);
        return log;
    }

    private FileBatchLog open(List<BatchLog.StoredBatch> replayed) {
        FileBatchLog log = new FileBatchLog(dir, SEGMENT_BYTES, Duration.ofMillis(10));
        opened.add(log);
        log.replay(replayed::add);
        return log;
    }

    /** A batch with a body of {@code size} bytes that differ from batch to batch. */
    private static BatchLog.StoredBatch batch(long first, long sentAt, int size) {
        byte[] body = ("batch " + first + " ").repeat(size).substring(0, size).getBytes(StandardCharsets.US_ASCII);
        return new BatchLog.StoredBatch(first, first + 1, sentAt, body);
    }

    private static String body(byte[] body) {
        return new String(body, StandardCharsets.US_ASCII);
    }

    private List<Path> segmentFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".batches")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile open = new RandomAccessFile(file.toFile(), "rw")) {
            open.setLength(size);
        }
    }
}
