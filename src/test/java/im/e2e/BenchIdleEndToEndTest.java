package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's idle run against a real server: it reports the memory, the server's threads, and
 * how long after a mass disconnect the one connection kept heard LEFT for all the others.
 */
class BenchIdleEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void anIdleRunReportsThreadsAndTheTimeUntilEverybodyLeft() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, "--im.throttle.enabled=false",
                "--im.auth.pbkdf2-iterations=1000")) {
            List<String> command = new ArrayList<>(ServerProcess.javaCommand("im.Application"));
            command.addAll(List.of("bench", "--port", String.valueOf(server.port()), "--idle", "200", "--duration",
                    "1s", "--pid", String.valueOf(server.process().pid()), "--json"));
            Process bench = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bench.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(bench.exitValue()).as(output).isZero();
            assertThat(number(output, "connections")).isEqualTo(200);
            assertThat(number(output, "errors")).isZero();
            assertThat(number(output, "threads_before")).isPositive();
            assertThat(number(output, "threads_peak_setup")).isGreaterThanOrEqualTo(number(output, "threads_before"));
            assertThat(number(output, "threads_peak_disconnect")).isGreaterThanOrEqualTo(number(output, "threads_idle"));
            // Measured, not the "not measured" -1: all 199 LEFTs reached the connection kept.
            assertThat(number(output, "all_left_s")).isBetween(0.0, 60.0);
            assertThat(number(output, "bytes_per_connection")).isPositive();
        }
    }

    private static double number(String json, String key) {
        Matcher value = Pattern.compile("\"" + key + "\":(-?[0-9.]+)").matcher(json);
        assertThat(value.find()).as(key + " in " + json).isTrue();
        return Double.parseDouble(value.group(1));
    }
}
