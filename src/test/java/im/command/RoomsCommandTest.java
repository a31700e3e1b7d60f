package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoomsCommandTest {

    @TempDir
    Path dir;

    @AutoClose
    private CommandFixture fixture;

    @Test
    void listsEveryRoomWithItsMemberCountSortedIgnoringCase() {
        fixture = new CommandFixture(dir);
        Session alice = fixture.loggedIn("alice");
        Session bob = fixture.loggedIn("bob");
        fixture.run(alice, "JOIN #zeta");
        fixture.run(alice, "JOIN #Alpha");
        fixture.run(bob, "JOIN #alpha");
        assertThat(fixture.run(bob, "ROOMS")).isEqualTo("OK ROOMS 2 #Alpha:2 #zeta:1");
    }
}
