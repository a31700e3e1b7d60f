package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import im.testing.RecordingOutbound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginCommandTest extends CommandTestSupport {

    @BeforeEach
    void setUp() {
        fixture.accounts.register("Alice", "s3cretpass", "10.0.0.1");
    }

    @Test
    void logsInWithTheNameInAnyCaseAndRepliesWithTheRegisteredName() {
        Session session = fixture.newSession();
        assertThat(fixture.run(session, "LOGIN alice s3cretpass")).isEqualTo("OK LOGGED_IN Alice");
        assertThat(session.user()).isEqualTo("Alice");
        assertThat(fixture.meters.get("im.logins").tag("outcome", "ok").counter().count()).isOne();
    }

    @Test
    void wrongPasswordAndUnknownUserAreTheSameBadCredentials() {
        String wrong = fixture.run(fixture.newSession(), "LOGIN alice wrongpass");
        String unknown = fixture.run(fixture.newSession(), "LOGIN nobody s3cretpass");
        assertThat(wrong).startsWith("ERR BAD_CREDENTIALS ").isEqualTo(unknown);
    }

    @Test
    void aSecondLoginOnOneConnectionIsRefused() {
        Session session = fixture.newSession();
        fixture.run(session, "LOGIN alice s3cretpass");
        assertThat(fixture.run(session, "LOGIN alice s3cretpass")).startsWith("ERR ALREADY_LOGGED_IN ");
    }

    @Test
    void theNinthSessionOfAUserEndsTheFirst() {
        Session first = fixture.newSession();
        assertThat(fixture.run(first, "LOGIN alice s3cretpass")).startsWith("OK ");
        for (int i = 1; i < 8; i++) {
            assertThat(fixture.run(fixture.newSession(), "LOGIN alice s3cretpass")).startsWith("OK ");
        }
        assertThat(fixture.run(fixture.newSession(), "LOGIN alice s3cretpass")).startsWith("OK LOGGED_IN");
        assertThat(RecordingOutbound.of(first).closed()).isTrue();
    }

    @Test
    void takesAnOptionalDeviceName() {
        Session session = fixture.newSession();
        assertThat(fixture.run(session, "LOGIN alice s3cretpass phone")).isEqualTo("OK LOGGED_IN Alice");
        assertThat(session.device()).isEqualTo("phone");
        assertThat(fixture.run(fixture.newSession(), "LOGIN alice s3cretpass bad/device")).startsWith("ERR SYNTAX ");
    }
}
