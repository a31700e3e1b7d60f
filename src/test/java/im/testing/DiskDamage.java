package im.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Damage as a disk does it, for tests of what the server makes of it. */
public final class DiskDamage {

    private DiskDamage() {
    }

    /** Flips one bit of the byte at {@code at}. */
    public static void flipBit(Path file, long at) throws IOException {
        try (RandomAccessFile open = new RandomAccessFile(file.toFile(), "rw")) {
            open.seek(at);
            int original = open.read();
            open.seek(at);
            open.write(original ^ 0x10);
        }
    }
}
