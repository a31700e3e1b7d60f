package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpCommandTest {

    @TempDir
    Path dir;

    @Test
    void listsEveryRegisteredKeywordSorted() {
        CommandFixture fixture = new CommandFixture(dir);
        assertThat(fixture.run(fixture.newSession(), "HELP"))
                .isEqualTo("OK HELP HELP LIST_ONLINE LOGIN LOGOUT PASSWD PING QUIT REGISTER SEND");
    }
}
