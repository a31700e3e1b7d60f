package im.concurrent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the calling thread in Linux's {@code SCHED_IDLE} class: it then runs only on CPU time
 * that no ordinary thread wants, and a waking ordinary thread takes the core from it at once.
 * Password hashing runs so: in a login storm the logins slow down rather than the messages,
 * which a lower nice value does not achieve (docs/performance-log.md).
 *
 * <p>Java has no call for a thread's scheduling class, so this runs util-linux's {@code chrt}
 * on the thread's own id (any user may move its own threads to {@code SCHED_IDLE}). Where that
 * is not possible (not Linux, no {@code chrt}), the thread keeps its priority and one line is
 * logged.
 */
public final class IdleCpuPriority {

    private static final Logger log = LoggerFactory.getLogger(IdleCpuPriority.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final AtomicBoolean failureLogged = new AtomicBoolean();

    private IdleCpuPriority() {
    }

    /** Moves the calling platform thread to {@code SCHED_IDLE}, or logs (once) why it could not. */
    public static void lowerCurrentThread() {
        try {
            // "<pid>/task/<tid>": the kernel's id of this thread, which chrt takes as a pid.
            Path self = Files.readSymbolicLink(THREAD_SELF);
            String threadId = self.getFileName().toString();
            Process chrt = new ProcessBuilder("chrt", "--idle", "--pid", "0", threadId)
                    .redirectErrorStream(true).start();
            if (chrt.waitFor(5, TimeUnit.SECONDS) && chrt.exitValue() == 0) {
                return;
            }
            chrt.destroy();
            logOnce("chrt did not succeed: " + new String(chrt.getInputStream().readNBytes(200)).strip());
        } catch (IOException | UnsupportedOperationException e) {
            logOnce(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void logOnce(String why) {
        if (failureLogged.compareAndSet(false, true)) {
            log.info("Password hashing keeps normal CPU priority (SCHED_IDLE not available: {})", why);
        }
    }
}
