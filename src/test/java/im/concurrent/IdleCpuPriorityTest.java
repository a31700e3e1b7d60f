package im.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads each thread's scheduling class back from the kernel, where the server would run. */
class IdleCpuPriorityTest {

    private static final int SCHED_OTHER = 0;
    private static final int SCHED_IDLE = 5;

    @BeforeAll
    static void onLinux() {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
    }

    @Test
    void theIdlePriorityPoolsThreadsRunInSchedIdle() throws Exception {
        assertThat(policyOfAThreadOf(Threads.fixedIdlePriorityPool("im-test-idle-", 1))).isEqualTo(SCHED_IDLE);
    }

    @Test
    void anOrdinaryPoolsThreadsKeepTheNormalClass() throws Exception {
        assertThat(policyOfAThreadOf(Threads.fixedPool("im-test-normal-", 1))).isEqualTo(SCHED_OTHER);
    }

    private static int policyOfAThreadOf(ExecutorService pool) throws Exception {
        try {
            return pool.submit(IdleCpuPriorityTest::currentThreadsPolicy).get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Field 41 of /proc/thread-self/stat (proc(5)); the fields after the name start at field 3. */
    private static int currentThreadsPolicy() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(afterName[41 - 3]);
    }
}
