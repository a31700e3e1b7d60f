package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import org.junit.jupiter.api.Test;

class JoinCommandTest extends CommandTestSupport {

    @Test
    void createsTheRoomWithItsFirstMemberAndAnnouncesLaterOnes() {
        Session alice = fixture.loggedIn("alice");
        Session bob = fixture.loggedIn("bob");
        assertThat(fixture.run(alice, "JOIN #Chat")).isEqualTo("OK JOINED #Chat");
        assertThat(fixture.run(bob, "join #CHAT")).isEqualTo("OK JOINED #Chat");
        assertThat(CommandFixture.linesOf(alice)).contains("ROOM_JOINED #Chat bob");
        assertThat(fixture.run(bob, "JOIN #chat")).isEqualTo("OK JOINED #Chat");
        assertThat(CommandFixture.linesOf(alice)).containsOnlyOnce("ROOM_JOINED #Chat bob");
    }

    @Test
    void refusesANameOutsideTheRule() {
        Session alice = fixture.loggedIn("alice");
        assertThat(fixture.run(alice, "JOIN chat")).startsWith("ERR INVALID_ROOM ");
        assertThat(fixture.run(alice, "JOIN #" + "x".repeat(33))).startsWith("ERR INVALID_ROOM ");
        assertThat(fixture.run(fixture.newSession(), "JOIN #chat")).startsWith("ERR NOT_LOGGED_IN ");
    }
}
