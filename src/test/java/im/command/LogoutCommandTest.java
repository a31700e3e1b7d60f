package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import org.junit.jupiter.api.Test;

class LogoutCommandTest extends CommandTestSupport {

    @Test
    void endsTheLoginAnnouncesLeftAndAllowsLoggingInAgain() {
        Session watcher = fixture.loggedIn("watcher");
        Session alice = fixture.loggedIn("alice");
        assertThat(fixture.run(alice, "LOGOUT")).isEqualTo("OK LOGGED_OUT");
        assertThat(alice.isLoggedIn()).isFalse();
        assertThat(CommandFixture.linesOf(watcher)).containsExactly("JOINED alice", "LEFT alice");
        assertThat(fixture.run(alice, "LOGOUT")).startsWith("ERR NOT_LOGGED_IN ");
        assertThat(fixture.run(alice, "LOGIN alice password1")).isEqualTo("OK LOGGED_IN alice");
    }
}
