package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.testing.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's own command line, started as a user starts it. */
class CommandLineEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aSettingOfNoGroupStopsTheServerAndAGroupsKeysInAnySpellingStart() throws IOException {
        assertThatThrownBy(() -> ServerProcess.start(dir, "--im.bogus=1").close())
                .hasMessageContaining("im.bogus (in commandLineArgs) is no setting");
        assertThatThrownBy(() -> ServerProcess.start(dir, "--im.limit.max-line-bytes=5000").close())
                .hasMessageContaining("im.limit.max-line-bytes (in commandLineArgs) is no setting");
        try (ServerProcess server = ServerProcess.start(dir, "--im.throttle.maxConnections=100",
                "--im.throttle.exempt-addresses[0]=10.0.0.1")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> server.log().contains("Ready: "));
            assertThat(server.log()).contains("Ready: im/1 on 127.0.0.1:" + server.port())
                    .contains("the web client on http://127.0.0.1:" + server.webPort() + "/")
                    .contains("monitoring on http://127.0.0.1:" + server.httpPort() + "/actuator")
                    .contains("accounts in " + dir.resolve("users.txt")).doesNotContain("errorChannel").doesNotContain("started bean");
            assertThat(Files.getPosixFilePermissions(dir.resolve("users.txt"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(dir.resolve("data"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(dir.resolve("data/inbox")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void helpPrintsTheUsageAndAnUnknownCommandIsAnErrorNotAServerStart() throws Exception {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).startsWith("Usage: java -jar im-server.jar").contains("client", "bench", "fuzz",
                "verify", "config/application.yml");
        Run typo = run("clinet");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.output()).startsWith("im-server: no command 'clinet'").contains("Usage:");
    }

    private record Run(int exit, String output) {
    }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(ServerProcess.javaCommand("im.Application"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void aSecondServerOnTheSameFilesStopsNamingTheFirst() {
        try (ServerProcess first = ServerProcess.start(dir)) {
            assertThatThrownBy(() -> ServerProcess.start(dir).close()).hasMessageContaining("APPLICATION FAILED TO START")
                    .hasMessageContaining("is in use by another im-server (pid " + first.process().pid() + ")");
        }
    }

    @Test
    void aSettingGivenTwiceStopsTheServerInsteadOfJoiningTheValues() {
        assertThatThrownBy(() -> ServerProcess.start(dir, "--im.users.file=" + dir.resolve("a.txt"),
                "--im.users.file=" + dir.resolve("b.txt")).close())
                .hasMessageContaining("im.users.file is given twice");
    }
}
