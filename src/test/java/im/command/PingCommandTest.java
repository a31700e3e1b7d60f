package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PingCommandTest {

    @TempDir
    Path dir;

    @AutoClose
    private CommandFixture fixture;

    @Test
    void echoesItsTokenAndWorksBeforeLogin() {
        fixture = new CommandFixture(dir);
        assertThat(fixture.run(fixture.newSession(), "PING")).isEqualTo("OK PONG");
        assertThat(fixture.run(fixture.newSession(), "ping 12ab")).isEqualTo("OK PONG 12ab");
    }
}
