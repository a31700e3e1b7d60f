package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.protocol.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuitCommandTest {

    @TempDir
    Path dir;

    @AutoClose
    private CommandFixture fixture;

    @Test
    void answersByeAndAsksForTheConnectionToClose() {
        fixture = new CommandFixture(dir);
        Reply reply = fixture.router.handle(fixture.newSession(), "quit");
        assertThat(reply.line()).isEqualTo("OK BYE");
        assertThat(reply.closesConnection()).isTrue();
    }
}
