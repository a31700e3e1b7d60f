package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import org.junit.jupiter.api.Test;

class AckCommandTest extends CommandTestSupport {

    @Test
    void movesTheCursorSoThatTheNextLoginOfThatDeviceSkipsWhatCameBefore() {
        Session alice = fixture.loggedIn("alice");
        fixture.accounts.register("bob", "password1", "10.0.0.1");
        String first = idOf(fixture.run(alice, "SEND bob one"));
        String second = idOf(fixture.run(alice, "SEND bob two"));
        Session phone = fixture.newSession();
        fixture.run(phone, "LOGIN bob password1 phone");
        assertThat(CommandFixture.linesOf(phone)).hasSize(2);
        assertThat(fixture.run(phone, "ACK " + first)).isEqualTo("OK ACKED " + first);
        fixture.run(phone, "LOGOUT");
        fixture.run(phone, "LOGIN bob password1 phone");
        assertThat(CommandFixture.linesOf(phone)).hasSize(3).last().asString().startsWith("MSG " + second + " ");
        assertThat(fixture.run(phone, "ACK " + first)).as("at or before the cursor").isEqualTo("OK ACKED " + first);
        assertThat(fixture.run(phone, "ACK zzzzzzzzzzzz")).startsWith("ERR NO_SUCH_MESSAGE ");
    }

    @Test
    void runsOnTheReadingThreadAsASendDoesSinceItNeverBlocks() {
        Session alice = fixture.loggedIn("alice");
        fixture.accounts.register("bob", "password1", "10.0.0.1");
        String id = idOf(fixture.run(alice, "SEND bob one"));
        Session bob = fixture.newSession();
        fixture.run(bob, "LOGIN bob password1");

        // Not left to a worker thread, which on Java 17 logins waiting for their hashes may all hold.
        assertThat(fixture.router.handleIfNeverBlocks(bob, "ACK " + id)).isPresent();
    }

    private static String idOf(String reply) {
        return reply.substring(reply.lastIndexOf(" ") + 1);
    }
}
