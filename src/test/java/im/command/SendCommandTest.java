package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import org.junit.jupiter.api.Test;

class SendCommandTest extends CommandTestSupport {

    @Test
    void acknowledgesWithTheRecipientAndTheIdOfTheDeliveredLine() {
        Session alice = fixture.loggedIn("alice");
        Session bob = fixture.loggedIn("Bob");
        String reply = fixture.run(alice, "SEND bob   hello,  bob ");
        assertThat(reply).matches("OK SENT Bob \\S+");
        String id = reply.substring("OK SENT Bob ".length());
        assertThat(CommandFixture.linesOf(bob)).anySatisfy(line ->
                assertThat(line).startsWith("MSG " + id + " ").endsWith(" alice Bob hello,  bob"));
    }

    @Test
    void aSendWithoutTextIsASyntaxError() {
        Session alice = fixture.loggedIn("alice");
        assertThat(fixture.run(alice, "SEND bob")).isEqualTo("ERR SYNTAX usage: SEND <user|#room> <text>");
        assertThat(fixture.run(alice, "SEND bob    ")).startsWith("ERR SYNTAX ");
    }

    @Test
    void aMessageToAnOfflineUserIsStored() {
        Session alice = fixture.loggedIn("alice");
        fixture.accounts.register("carol", "password1", "10.0.0.1");
        assertThat(fixture.run(alice, "SEND carol hi")).matches("OK STORED carol \\S+");
        assertThat(fixture.run(alice, "SEND nobody hi")).startsWith("ERR NO_SUCH_USER ");
    }

    @Test
    void aRoomMessageReachesTheOtherMembersOnly() {
        Session alice = fixture.loggedIn("alice");
        Session bob = fixture.loggedIn("bob");
        Session carol = fixture.loggedIn("carol");
        assertThat(fixture.run(alice, "SEND #chat hi")).startsWith("ERR NO_SUCH_ROOM ");
        fixture.run(alice, "JOIN #Chat");
        fixture.run(bob, "JOIN #chat");
        assertThat(fixture.run(carol, "SEND #chat hi")).startsWith("ERR NOT_IN_ROOM ");
        String reply = fixture.run(alice, "SEND #CHAT hello room");
        assertThat(reply).matches("OK SENT #Chat \\S+");
        assertThat(CommandFixture.linesOf(bob)).last().asString().endsWith(" alice #Chat hello room");
        assertThat(CommandFixture.linesOf(carol)).noneMatch(line -> line.startsWith("MSG "));
        assertThat(CommandFixture.linesOf(alice)).noneMatch(line -> line.startsWith("MSG "));
    }
}
