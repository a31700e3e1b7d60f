package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import org.junit.jupiter.api.Test;

class SessionsCommandTest extends CommandTestSupport {

    @Test
    void listsTheUsersOwnSessionsAsDeviceAtAddress() {
        Session phone = fixture.loggedIn("alice");
        Session laptop = fixture.newSession();
        fixture.run(laptop, "LOGIN alice password1 laptop");
        fixture.loggedIn("bob");
        assertThat(fixture.run(phone, "SESSIONS")).isEqualTo("OK SESSIONS 2 default@127.0.0.1 laptop@127.0.0.1 TOKENS 0");
    }

    @Test
    void listsTheLiveTokensAsDeviceAndExpiry() {
        Session laptop = fixture.newSession();
        fixture.loggedIn("alice");
        fixture.run(laptop, "LOGIN alice password1 laptop");
        fixture.run(laptop, "TOKEN");
        assertThat(fixture.run(laptop, "SESSIONS"))
                .isEqualTo("OK SESSIONS 2 default@127.0.0.1 laptop@127.0.0.1 TOKENS 1 laptop/2026-01-31T00:00:00Z");
    }
}
