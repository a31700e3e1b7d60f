package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswdCommandTest {

    @TempDir
    Path dir;

    @AutoClose
    private CommandFixture fixture;

    @Test
    void changesThePasswordSoThatOnlyTheNewOneLogsIn() {
        fixture = new CommandFixture(dir);
        Session session = fixture.loggedIn("ivy");
        assertThat(fixture.run(session, "PASSWD password1 n3wpassword")).isEqualTo("OK PASSWORD_CHANGED");
        assertThat(fixture.run(fixture.newSession(), "LOGIN ivy password1")).startsWith("ERR BAD_CREDENTIALS ");
        assertThat(fixture.run(fixture.newSession(), "LOGIN ivy n3wpassword")).isEqualTo("OK LOGGED_IN ivy");
    }

    @Test
    void aWrongOldPasswordOrAWeakNewOneChangesNothing() {
        fixture = new CommandFixture(dir);
        Session session = fixture.loggedIn("jon");
        assertThat(fixture.run(session, "PASSWD wrongpass1 n3wpassword")).startsWith("ERR BAD_CREDENTIALS ");
        assertThat(fixture.run(session, "PASSWD password1 short")).startsWith("ERR INVALID_PASSWORD ");
        assertThat(fixture.run(fixture.newSession(), "LOGIN jon password1")).isEqualTo("OK LOGGED_IN jon");
    }

    @Test
    void needsALogin() {
        fixture = new CommandFixture(dir);
        assertThat(fixture.run(fixture.newSession(), "PASSWD password1 n3wpassword")).startsWith("ERR NOT_LOGGED_IN ");
    }
}
