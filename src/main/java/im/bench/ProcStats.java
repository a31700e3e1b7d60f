package im.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, read from Linux's /proc (zero elsewhere). */
record ProcStats(double cpuSeconds, long rssBytes) {

    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    static ProcStats of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_SECOND;
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return new ProcStats(cpu, rss);
        } catch (IOException | RuntimeException notLinuxOrGone) {
            return new ProcStats(0, 0);
        }
    }

    /** The process's thread count, or 0 where /proc cannot say. */
    static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException notLinuxOrGone) {
            return 0;
        }
        return 0;
    }

    static ProcStats self() {
        return of(ProcessHandle.current().pid());
    }

    ProcStats minus(ProcStats earlier) {
        return new ProcStats(cpuSeconds - earlier.cpuSeconds, rssBytes);
    }
}
