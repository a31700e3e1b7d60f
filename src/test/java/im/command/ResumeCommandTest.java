package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** TOKEN and RESUME, and what ends a token: expiry, LOGOUT on its device, PASSWD. */
class ResumeCommandTest extends CommandTestSupport {

    @Test
    void aTokenLogsItsDeviceInAgainWithoutThePassword() {
        String token = tokenOf(fixture.loggedInAs("alice", "laptop"));
        Session later = fixture.newSession();
        assertThat(fixture.run(later, "RESUME " + token)).isEqualTo("OK LOGGED_IN alice");
        assertThat(later.device()).isEqualTo("laptop");
        assertThat(fixture.run(later, "RESUME " + token)).startsWith("ERR ALREADY_LOGGED_IN");
    }

    @Test
    void aTokenIsTwoHundredFiftySixRandomBitsAndTheStoreKeepsOnlyItsHash() throws Exception {
        Session session = fixture.loggedInAs("alice", "laptop");
        String first = tokenOf(session);
        assertThat(first).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(tokenOf(session));
        String stored = JdbcClient.create(fixture.database.dataSource()).sql("select * from resume_token")
                .query().listOfRows().toString();
        assertThat(stored).contains("laptop").doesNotContain(first);
    }

    @Test
    void unknownMalformedAndExpiredTokensAreBadCredentials() {
        String token = tokenOf(fixture.loggedInAs("alice", "laptop"));
        Session stranger = fixture.newSession();
        assertThat(fixture.run(stranger, "RESUME " + "A".repeat(43))).startsWith("ERR BAD_CREDENTIALS");
        assertThat(fixture.run(stranger, "RESUME <script>")).startsWith("ERR BAD_CREDENTIALS");
        fixture.clock.advance(Duration.ofDays(30));
        assertThat(fixture.run(stranger, "RESUME " + token)).startsWith("ERR BAD_CREDENTIALS");
        assertThat(stranger.isLoggedIn()).isFalse();
    }

    @Test
    void logoutRevokesTheTokensOfItsDeviceOnly() {
        Session laptop = fixture.loggedInAs("alice", "laptop");
        String laptopToken = tokenOf(laptop);
        String phoneToken = tokenOf(fixture.loggedInAs("alice", "phone"));
        assertThat(fixture.run(laptop, "LOGOUT")).isEqualTo("OK LOGGED_OUT");
        assertThat(fixture.run(fixture.newSession(), "RESUME " + laptopToken)).startsWith("ERR BAD_CREDENTIALS");
        assertThat(fixture.run(fixture.newSession(), "RESUME " + phoneToken)).isEqualTo("OK LOGGED_IN alice");
    }

    @Test
    void passwdRevokesEveryTokenOfTheUser() {
        Session laptop = fixture.loggedInAs("alice", "laptop");
        String laptopToken = tokenOf(laptop);
        String phoneToken = tokenOf(fixture.loggedInAs("alice", "phone"));
        assertThat(fixture.run(laptop, "PASSWD password1 password2")).isEqualTo("OK PASSWORD_CHANGED");
        assertThat(fixture.run(fixture.newSession(), "RESUME " + laptopToken)).startsWith("ERR BAD_CREDENTIALS");
        assertThat(fixture.run(fixture.newSession(), "RESUME " + phoneToken)).startsWith("ERR BAD_CREDENTIALS");
    }

    @Test
    void tokenNeedsALogin() {
        assertThat(fixture.run(fixture.newSession(), "TOKEN")).startsWith("ERR NOT_LOGGED_IN");
    }

    private String tokenOf(Session session) {
        String reply = fixture.run(session, "TOKEN");
        assertThat(reply).startsWith("OK TOKEN ");
        return reply.substring("OK TOKEN ".length());
    }
}
