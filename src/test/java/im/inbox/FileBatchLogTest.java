package im.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    void aDamagedRecordEndsItsSegmentAndTheLaterSegmentsStillCount() throws IOException {
        FileBatchLog log = open(new ArrayList<>());
        for (long first = 1; first <= 5; first++) {
            log.append(batch(first, first * 100, 2500));
        }
        log.close();
        Path firstSegment = segmentFiles().get(0);
        try (RandomAccessFile file = new RandomAccessFile(firstSegment.toFile(), "rw")) {
            // A byte of the second record's body, flipped.
            long inSecondBody = Files.size(firstSegment) - 10;
            file.seek(inSecondBody);
            int original = file.read();
            file.seek(inSecondBody);
            file.write(original ^ 0xff);
        }

        List<BatchLog.StoredBatch> replayed = new ArrayList<>();
        open(replayed);
        assertThat(replayed).extracting(BatchLog.StoredBatch::first).containsExactly(1L, 3L, 4L, 5L);
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
    void anAppendBeforeTheReplayIsAMistake() {
        FileBatchLog log = new FileBatchLog(dir, SEGMENT_BYTES, Duration.ofSeconds(1));
        opened.add(log);
        assertThatThrownBy(() -> log.append(batch(1, 1, 1))).isInstanceOf(IllegalStateException.class);
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
            return files.sorted().toList();
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
