package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListOnlineCommandTest {

    @TempDir
    Path dir;

    @AutoClose
    private CommandFixture fixture;

    @Test
    void countsAndListsOnlineUsersSortedIgnoringCase() {
        fixture = new CommandFixture(dir);
        Session bob = fixture.loggedIn("bob");
        assertThat(fixture.run(bob, "LIST_ONLINE")).isEqualTo("OK ONLINE 1 bob");
        fixture.loggedIn("Alice");
        fixture.loggedIn("carol");
        assertThat(fixture.run(bob, "list_online")).isEqualTo("OK ONLINE 3 Alice bob carol");
    }
}
