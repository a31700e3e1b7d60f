package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import org.junit.jupiter.api.Test;

class MembersCommandTest extends CommandTestSupport {

    @Test
    void listsTheMembersOnlineOrNotSortedIgnoringCase() {
        Session zed = fixture.loggedIn("Zed");
        Session amy = fixture.loggedIn("amy");
        fixture.run(zed, "JOIN #chat");
        fixture.run(amy, "JOIN #chat");
        fixture.run(zed, "LOGOUT");
        assertThat(fixture.run(amy, "MEMBERS #CHAT")).isEqualTo("OK MEMBERS #chat 2 amy Zed");
        assertThat(fixture.run(amy, "MEMBERS #nothing")).startsWith("ERR NO_SUCH_ROOM ");
    }
}
