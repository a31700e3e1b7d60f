package im.presence;

import static im.testing.RecordingOutbound.of;
import static im.testing.RecordingOutbound.session;
import static org.assertj.core.api.Assertions.assertThat;

import im.session.Session;
import im.testing.TestLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PresenceTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Presence presence = new Presence(TestLimits.withSessionsPerUser(2), meters);
    private final Session alice = session("a1");
    private final Session bob = session("b1");

    @Test
    void aUsersFirstSessionIsAnnouncedToOthersButNotToItself() {
        presence.login(bob, "bob", "default");
        presence.login(alice, "Alice", "default");
        assertThat(of(bob).lines()).containsExactly("JOINED Alice");
        assertThat(of(alice).lines()).isEmpty();
    }

    @Test
    void onlyTheFirstSessionJoinsAndOnlyTheLastLeaves() {
        Session alicePhone = session("a2");
        presence.login(bob, "bob", "default");
        presence.login(alice, "alice", "default");
        presence.login(alicePhone, "alice", "phone");
        presence.logout(alice);
        assertThat(of(bob).lines()).containsExactly("JOINED alice");
        presence.sessionEnded(alicePhone);
        assertThat(of(bob).lines()).containsExactly("JOINED alice", "LEFT alice");
        assertThat(presence.sessionsOf("alice")).isEmpty();
    }

    @Test
    void aLoginAtTheSessionLimitEndsTheUsersOldestSession() {
        presence.login(alice, "alice", "default");
        Session second = session("a2");
        presence.login(second, "alice", "default");
        Session third = session("a3");
        presence.login(third, "alice", "default");
        assertThat(presence.sessionsOf("alice")).containsExactly(second, third);
        assertThat(presence.sessionCount()).isEqualTo(2);
        assertThat(of(alice).closed()).isTrue();
        assertThat(of(alice).lines()).last().asString().startsWith("BYE session limit");
        assertThat(of(bob).lines()).as("alice never went offline").noneMatch(line -> line.startsWith("LEFT"));
    }

    @Test
    void endingTheOtherSessionsKeepsTheOneThatAsked() {
        presence.login(alice, "alice", "default");
        Session other = session("a2");
        presence.login(other, "alice", "phone");
        presence.endOtherSessions(alice, "password changed");
        assertThat(presence.sessionsOf("alice")).containsExactly(alice);
        assertThat(of(other).lines()).containsExactly("BYE password changed");
        assertThat(of(other).closed()).isTrue();
        assertThat(presence.sessionCount()).isEqualTo(1);
    }

    @Test
    void listsEachOnlineUserOnceSortedIgnoringCase() {
        presence.login(session("c"), "carol", "default");
        presence.login(alice, "Alice", "default");
        presence.login(session("a2"), "Alice", "default");
        presence.login(bob, "bob", "default");
        assertThat(presence.onlineUsers()).containsExactly("Alice", "bob", "carol");
        assertThat(presence.userCount()).isEqualTo(3);
        assertThat(meters.get("im.sessions").gauge().value()).isEqualTo(4);
        assertThat(meters.get("im.online.users").gauge().value()).isEqualTo(3);
    }

    @Test
    void findsSessionsByNameInAnyCase() {
        presence.login(alice, "Alice", "default");
        assertThat(presence.sessionsOf("ALICE")).containsExactly(alice);
        assertThat(alice.user()).isEqualTo("Alice");
    }

    @Test
    void endingASessionThatNeverLoggedInChangesNothing() {
        presence.login(bob, "bob", "default");
        presence.sessionEnded(alice);
        assertThat(of(bob).lines()).isEmpty();
        assertThat(presence.sessionCount()).isOne();
    }
}
