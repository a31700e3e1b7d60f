package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import org.junit.jupiter.api.Test;

class ListOnlineCommandTest extends CommandTestSupport {

    @Test
    void countsAndListsOnlineUsersSortedIgnoringCase() {
        Session bob = fixture.loggedIn("bob");
        assertThat(fixture.run(bob, "LIST_ONLINE")).isEqualTo("OK ONLINE 1 bob");
        fixture.loggedIn("Alice");
        fixture.loggedIn("carol");
        assertThat(fixture.run(bob, "list_online")).isEqualTo("OK ONLINE 3 Alice bob carol");
    }
}
