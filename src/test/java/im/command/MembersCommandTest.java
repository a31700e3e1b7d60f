package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MembersCommandTest {

    @TempDir
    Path dir;

    @AutoClose
    private CommandFixture fixture;

    @Test
    void listsTheMembersOnlineOrNotSortedIgnoringCase() {
        fixture = new CommandFixture(dir);
        Session zed = fixture.loggedIn("Zed");
        Session amy = fixture.loggedIn("amy");
        fixture.run(zed, "JOIN #chat");
        fixture.run(amy, "JOIN #chat");
        fixture.run(zed, "LOGOUT");
        assertThat(fixture.run(amy, "MEMBERS #CHAT")).isEqualTo("OK MEMBERS #chat 2 amy Zed");
        assertThat(fixture.run(amy, "MEMBERS #nothing")).startsWith("ERR NO_SUCH_ROOM ");
    }
}
