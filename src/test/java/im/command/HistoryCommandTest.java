package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import org.junit.jupiter.api.Test;

class HistoryCommandTest extends CommandTestSupport {

    @Test
    void sendsTheConversationOldestFirstThenItsCount() {
        Session alice = fixture.loggedIn("alice");
        fixture.loggedIn("bob");
        fixture.run(alice, "SEND bob one");
        fixture.run(alice, "SEND bob two");
        String reply = fixture.run(alice, "HISTORY BOB 1");
        assertThat(reply).isEqualTo("OK HISTORY 1");
        assertThat(CommandFixture.linesOf(alice)).last().asString().endsWith(" alice bob two");
    }

    @Test
    void checksItsArgumentsAndWhoMayRead() {
        Session alice = fixture.loggedIn("alice");
        assertThat(fixture.run(alice, "HISTORY nobody")).startsWith("ERR NO_SUCH_USER ");
        assertThat(fixture.run(alice, "HISTORY #room")).startsWith("ERR NOT_IN_ROOM ");
        assertThat(fixture.run(alice, "HISTORY alice 501")).startsWith("ERR SYNTAX ");
        assertThat(fixture.run(alice, "HISTORY alice ten")).startsWith("ERR SYNTAX ");
        assertThat(fixture.run(alice, "HISTORY alice 5 after x")).startsWith("ERR SYNTAX ");
        assertThat(fixture.run(alice, "HISTORY alice before no-id")).startsWith("ERR SYNTAX ");
        assertThat(fixture.run(alice, "HISTORY alice before zz")).isEqualTo("OK HISTORY 0");
    }
}
