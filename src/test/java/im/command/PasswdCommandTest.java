package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import org.junit.jupiter.api.Test;

class PasswdCommandTest extends CommandTestSupport {

    @Test
    void changesThePasswordSoThatOnlyTheNewOneLogsIn() {
        Session session = fixture.loggedIn("ivy");
        assertThat(fixture.run(session, "PASSWD password1 n3wpassword")).isEqualTo("OK PASSWORD_CHANGED");
        assertThat(fixture.run(fixture.newSession(), "LOGIN ivy password1")).startsWith("ERR BAD_CREDENTIALS ");
        assertThat(fixture.run(fixture.newSession(), "LOGIN ivy n3wpassword")).isEqualTo("OK LOGGED_IN ivy");
    }

    @Test
    void aWrongOldPasswordOrAWeakNewOneChangesNothing() {
        Session session = fixture.loggedIn("jon");
        assertThat(fixture.run(session, "PASSWD wrongpass1 n3wpassword")).startsWith("ERR BAD_CREDENTIALS ");
        assertThat(fixture.run(session, "PASSWD password1 short")).startsWith("ERR INVALID_PASSWORD ");
        assertThat(fixture.run(fixture.newSession(), "LOGIN jon password1")).isEqualTo("OK LOGGED_IN jon");
    }

    @Test
    void needsALogin() {
        assertThat(fixture.run(fixture.newSession(), "PASSWD password1 n3wpassword")).startsWith("ERR NOT_LOGGED_IN ");
    }
}
