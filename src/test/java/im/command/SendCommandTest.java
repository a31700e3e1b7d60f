package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendCommandTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgesWithTheRecipientAndTheIdOfTheDeliveredLine() {
        CommandFixture fixture = new CommandFixture(dir);
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
        CommandFixture fixture = new CommandFixture(dir);
        Session alice = fixture.loggedIn("alice");
        assertThat(fixture.run(alice, "SEND bob")).isEqualTo("ERR SYNTAX usage: SEND <user> <text>");
        assertThat(fixture.run(alice, "SEND bob    ")).startsWith("ERR SYNTAX ");
    }

    @Test
    void anOfflineUserIsReported() {
        CommandFixture fixture = new CommandFixture(dir);
        Session alice = fixture.loggedIn("alice");
        fixture.accounts.register("carol", "password1", "10.0.0.1");
        assertThat(fixture.run(alice, "SEND carol hi")).isEqualTo("ERR USER_OFFLINE carol is not online");
        assertThat(fixture.run(alice, "SEND nobody hi")).startsWith("ERR NO_SUCH_USER ");
    }
}
