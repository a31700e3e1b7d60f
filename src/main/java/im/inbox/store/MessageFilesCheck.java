package im.inbox.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads every segment of a folder of message files, changing nothing, and lists what holds no
 * whole record: what the server would skip and quarantine at its next start. For
 * {@code im-server verify}, with the server stopped or running.
 */
public final class MessageFilesCheck {

    /** A folder's records and damaged stretches. */
    public record Report(int segments, long records, List<DamagedStretch> damaged) {
    }

    private MessageFilesCheck() {
    }

    public static Report check(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(file -> file.getFileName().toString().endsWith(".batches")).sorted().toList();
        }
        long[] records = {0};
        long[] previous = {Long.MIN_VALUE, 0};
        List<DamagedStretch> damaged = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            boolean newest = i == files.size() - 1;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer data = channel.size() == 0 ? ByteBuffer.allocate(0)
                        : channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
                SegmentScanner.scan(data, previous[0], new SegmentScanner.Visitor() {
                    @Override
                    public void record(SegmentScanner.Found found) {
                        records[0]++;
                        previous[0] = found.first();
                        previous[1] = found.last();
                    }

                    @Override
                    public void damaged(int from, int to, boolean toEnd) {
                        if (!(newest && toEnd && SegmentScanner.cutShort(data, from))) {
                            damaged.add(new DamagedStretch(file.toString(), from, to - from,
                                    "positions after " + previous[1], null));
                        }
                    }
                });
            }
        }
        return new Report(files.size(), records[0], damaged);
    }
}
