package im.direct;

import static im.testing.RecordingOutbound.of;
import static im.testing.RecordingOutbound.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.auth.Accounts;
import im.inbox.Inbox;
import im.presence.Presence;
import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.session.Session;
import im.testing.TestAccounts;
import im.testing.TestDatabase;
import im.testing.TestLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectMessagesTest {

    private static final String MSG_LINE = "MSG \\S+ \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ";

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Presence presence = new Presence(TestLimits.presence(), meters);
    private DirectMessages delivery;
    @AutoClose
    private TestDatabase database;
    @AutoClose
    private Inbox inbox;
    private final Session alice = session("a1");
    private final Session aliceLaptop = session("a2");
    private final Session bob = session("b1");

    @BeforeEach
    void setUp() {
        Accounts accounts = TestAccounts.in(dir);
        accounts.register("Alice", "password1", "10.0.0.1");
        accounts.register("bob", "password1", "10.0.0.1");
        accounts.register("carol", "password1", "10.0.0.1");
        database = TestDatabase.sqlite(dir.resolve("db"));
        inbox = new Inbox(database.messageStore(), presence, TestLimits.inbox(), TestLimits.connection(), true, Clock.systemUTC(),
                meters);
        delivery = new DirectMessages(accounts, presence, inbox);
        presence.login(alice, "Alice", "default");
        presence.login(aliceLaptop, "Alice", "laptop");
        presence.login(bob, "bob", "default");
        of(alice).lines().clear();
        of(aliceLaptop).lines().clear();
    }

    @Test
    void reachesEveryRecipientSessionAndTheSendersOtherSessions() {
        DirectMessages.Sent sent = delivery.send(alice, "BOB", "hi  there").join();
        assertThat(sent.recipient()).isEqualTo("bob");
        String line = of(bob).lines().get(0);
        assertThat(line).matches(MSG_LINE + "Alice bob hi  there").contains(" " + sent.id() + " ");
        assertThat(of(aliceLaptop).lines()).containsExactly(line);
        assertThat(of(alice).lines()).isEmpty();
        assertThat(meters.get("im.messages.delivered").counter().count()).isEqualTo(2);
    }

    @Test
    void aMessageToOneselfReachesEachOwnSessionOnce() {
        delivery.send(alice, "alice", "note to self").join();
        assertThat(of(alice).lines()).hasSize(1);
        assertThat(of(aliceLaptop).lines()).hasSize(1);
    }

    @Test
    void idsAreUniqueAndWithoutSpaces() {
        String first = delivery.send(bob, "alice", "1").join().id();
        String second = delivery.send(bob, "alice", "2").join().id();
        assertThat(first).isNotEqualTo(second).doesNotContain(" ");
    }

    @Test
    void storesForAnOfflineUserAndSaysSo() {
        assertThat(delivery.send(alice, "carol", "hi").join().online()).isFalse();
        assertThat(delivery.send(alice, "bob", "hi").join().online()).isTrue();
    }

    @Test
    void refusesUnknownUsersAndOverlongMessages() {
        assertRejected(() -> delivery.send(alice, "nobody", "hi"), ErrorCode.NO_SUCH_USER);
        assertRejected(() -> delivery.send(alice, "bob", "x".repeat(2001)), ErrorCode.MESSAGE_TOO_LONG);
        assertRejected(() -> delivery.send(alice, "bob", "\u00e9".repeat(2000)), ErrorCode.MESSAGE_TOO_LONG);
        assertThat(delivery.send(alice, "bob", "\u00e9".repeat(1984)).join()).as("3,968 bytes").isNotNull();
        assertThat(of(bob).lines()).hasSize(1);
    }

    @Test
    void aSessionWritingAgainToTheSameNameReachesTheSameUserInAnyCase() {
        delivery.send(alice, "bob", "1").join();
        delivery.send(alice, "bob", "2").join();
        assertThat(delivery.send(alice, "BOB", "3").join().recipient()).isEqualTo("bob");
        assertThat(delivery.send(alice, "alice", "4").join().recipient()).isEqualTo("Alice");
        assertThat(of(bob).lines()).hasSize(3).allMatch(line -> line.matches(MSG_LINE + "Alice bob \\d"));
    }

    @Test
    void aConnectionLoggedInAsSomeoneElseWritesAsThem() {
        Session carolPhone = session("c1");
        presence.login(carolPhone, "carol", "phone");
        delivery.send(alice, "bob", "from alice").join();
        of(aliceLaptop).lines().clear();

        presence.logout(alice);
        presence.login(alice, "carol", "default");
        delivery.send(alice, "bob", "from carol").join();

        assertThat(of(bob).lines()).last().asString().matches(MSG_LINE + "carol bob from carol");
        // The copy for the sender's other devices goes to carol's, not to alice's.
        assertThat(of(carolPhone).lines()).singleElement().asString().endsWith("carol bob from carol");
        assertThat(of(aliceLaptop).lines()).isEmpty();
        assertThat(inbox.history(bob, "bob carol", Long.MAX_VALUE, 10)).extracting(m -> m.tail())
                .singleElement().asString().endsWith("from carol");
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RequestRejected.class, r -> assertThat(r.code()).isEqualTo(code));
    }

    @Test
    void aMessageTheStoreCannotTakeFailsWithStoreUnavailable() throws Exception {
        inbox.close();
        assertThatThrownBy(() -> delivery.send(alice, "bob", "after the end").join())
                .hasCauseInstanceOf(RequestRejected.class).cause()
                .satisfies(cause -> assertThat(((RequestRejected) cause).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }
}
