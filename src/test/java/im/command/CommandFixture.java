package im.command;

import im.auth.Accounts;
import im.direct.DirectMessages;
import im.inbox.Inbox;
import im.presence.Presence;
import im.protocol.Reply;
import im.rooms.Rooms;
import im.rooms.RoomsProperties;
import im.session.ConnectionProperties;
import im.session.Session;
import im.testing.RecordingOutbound;
import im.testing.TestAccounts;
import im.testing.TestDatabase;
import im.testing.TestLimits;
import im.throttle.ThrottleProperties;
import im.tokens.ResumeTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The real services around a users file and a database in a temp folder, and every command the package has. */
final class CommandFixture implements AutoCloseable {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Accounts accounts;
    final Presence presence = new Presence(TestLimits.presence(), meters);
    final TestDatabase database;
    final Inbox inbox;
    final Rooms rooms;
    final MutableClock clock = new MutableClock();
    final ResumeTokens tokens;
    final CommandRouter router;
    private final AnnotationConfigApplicationContext commands;

    CommandFixture(Path dir) {
        accounts = TestAccounts.in(dir);
        database = TestDatabase.sqlite(dir.resolve("db"));
        inbox = new Inbox(database.messageStore(), presence, TestLimits.inbox(), TestLimits.connection(),
                true, Clock.systemUTC(), meters);
        rooms = new Rooms(database.roomStore(), presence, inbox, new RoomsProperties(10_000, 100));
        tokens = new ResumeTokens(database.tokenStore(), Duration.ofDays(30), clock);
        // Every command of the package, as the server finds them: a new one needs no line here.
        commands = new AnnotationConfigApplicationContext();
        commands.registerBean(MeterRegistry.class, () -> meters);
        commands.registerBean(Accounts.class, () -> accounts);
        commands.registerBean(Presence.class, () -> presence);
        commands.registerBean(Inbox.class, () -> inbox);
        commands.registerBean(Rooms.class, () -> rooms);
        commands.registerBean(DirectMessages.class, () -> new DirectMessages(accounts, presence, inbox));
        commands.registerBean(ResumeTokens.class, () -> tokens);
        commands.registerBean(ThrottleProperties.class, () -> TestLimits.throttle());
        commands.registerBean(ConnectionProperties.class, TestLimits::connection);
        commands.scan(CommandRouter.class.getPackageName());
        commands.refresh();
        router = commands.getBean(CommandRouter.class);
    }

    Session newSession() {
        return RecordingOutbound.session("s" + System.nanoTime());
    }

    /** A session logged in as a newly registered user. */
    Session loggedIn(String name) {
        accounts.register(name, "password1", "10.0.0.1");
        Session session = newSession();
        presence.login(session, name, Session.DEFAULT_DEVICE);
        return session;
    }

    /** A session logged in with LOGIN as this user (registered if new) on this device. */
    Session loggedInAs(String name, String device) {
        if (accounts.find(name).isEmpty()) {
            accounts.register(name, "password1", "10.0.0.1");
        }
        Session session = newSession();
        run(session, "LOGIN " + name + " password1 " + device);
        return session;
    }

    /** Runs a line as the connection would: the lines before the reply, then what follows it (a replay, say). */
    String run(Session session, String line) {
        Reply.Line reply = lineOf(router.handle(session, line));
        if (reply == null) {
            return null;
        }
        reply.linesBefore().forEach(session::send);
        reply.afterwards().run();
        return reply.line();
    }

    /** The line a reply sends, waited for if it is a later one; null for no reply. */
    static Reply.Line lineOf(Reply reply) {
        if (reply instanceof Reply.Later later) {
            return later.resolved();
        }
        return reply instanceof Reply.Line line ? line : null;
    }

    static List<String> linesOf(Session session) {
        return RecordingOutbound.of(session).lines();
    }

    /** A clock the test moves: token expiry without waiting. */
    static final class MutableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Override
    public void close() throws Exception {
        commands.close();
        inbox.close();
        database.close();
    }
}
