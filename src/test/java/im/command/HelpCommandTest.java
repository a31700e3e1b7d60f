package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpCommandTest {

    @TempDir
    Path dir;

    @AutoClose
    private CommandFixture fixture;

    @Test
    void listsEveryRegisteredKeywordSorted() {
        fixture = new CommandFixture(dir);
        assertThat(fixture.run(fixture.newSession(), "HELP"))
                .isEqualTo("OK HELP ACK HELP HISTORY JOIN LEAVE LIST_ONLINE LOGIN LOGOUT MEMBERS PASSWD PING QUIT REGISTER ROOMS SEND SESSIONS");
    }
}
