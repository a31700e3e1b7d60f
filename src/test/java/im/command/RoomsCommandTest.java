package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import org.junit.jupiter.api.Test;

class RoomsCommandTest extends CommandTestSupport {

    @Test
    void listsEveryRoomWithItsMemberCountSortedIgnoringCase() {
        Session alice = fixture.loggedIn("alice");
        Session bob = fixture.loggedIn("bob");
        fixture.run(alice, "JOIN #zeta");
        fixture.run(alice, "JOIN #Alpha");
        fixture.run(bob, "JOIN #alpha");
        assertThat(fixture.run(bob, "ROOMS")).isEqualTo("OK ROOMS 2 #Alpha:2 #zeta:1");
    }
}
