package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import org.junit.jupiter.api.Test;

class LeaveCommandTest extends CommandTestSupport {

    @Test
    void leavesAnnouncesAndTheLastMemberEndsTheRoom() {
        Session alice = fixture.loggedIn("alice");
        Session bob = fixture.loggedIn("bob");
        fixture.run(alice, "JOIN #chat");
        fixture.run(bob, "JOIN #chat");
        assertThat(fixture.run(bob, "LEAVE #Chat")).isEqualTo("OK LEFT #chat");
        assertThat(CommandFixture.linesOf(alice)).contains("ROOM_LEFT #chat bob");
        assertThat(fixture.run(bob, "LEAVE #chat")).startsWith("ERR NOT_IN_ROOM ");
        fixture.run(alice, "LEAVE #chat");
        assertThat(fixture.run(alice, "ROOMS")).isEqualTo("OK ROOMS 0");
    }
}
