package im.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on a file beside what one server owns (its data folder, its users file),
 * held for the life of the process and holding its process id: a second server on the same
 * files stops at startup instead of appending to them with positions of its own. The kernel
 * lets go of it when the process ends, however it ends. Within one process the lock is shared.
 */
public final class ProcessLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessLock.class);

    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code lockFile} for {@code what}, or refuses startup naming the other
     * server's process id.
     */
    public static ProcessLock take(Path lockFile, String what) {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), OwnerOnly.file());
        } catch (FileSystemException | ReadOnlyFileSystemException readOnly) {
            // A folder the server may not write (a read-only users file): nothing it could spoil.
            log.warn("Cannot make the lock file {} ({}); a second server on the same files is not stopped", lockFile,
                    readOnly.toString());
            return new ProcessLock(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldByThisProcess) {
                // Another store of this same process (a test that reopens one): no second server.
                channel.close();
                return new ProcessLock(null, null);
            }
            if (lock == null) {
                String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
                channel.close();
                throw new StartupRefused(what + " is in use by another im-server (pid " + (pid.isEmpty() ? "unknown" : pid)
                        + ").", "Stop that server first, or give this one files of its own (im.users.file,"
                        + " spring.datasource.url, im.inbox.folder).");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new ProcessLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    @Override
    public void close() {
        if (lock == null) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The process ends soon, and with it the lock.
        }
    }
}
