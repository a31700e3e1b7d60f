package im.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.testing.ServerProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's own command line, started as a user starts it. */
class CommandLineEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aSettingGivenTwiceStopsTheServerInsteadOfJoiningTheValues() {
        assertThatThrownBy(() -> ServerProcess.start(dir, "--im.users.file=" + dir.resolve("a.txt"),
                "--im.users.file=" + dir.resolve("b.txt")).close())
                .hasMessageContaining("im.users.file is given twice");
    }
}
