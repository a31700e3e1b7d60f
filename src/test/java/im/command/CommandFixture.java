package im.command;

import im.auth.Accounts;
import im.direct.DirectMessages;
import im.inbox.Inbox;
import im.presence.Presence;
import im.protocol.Reply;
import im.rooms.Rooms;
import im.rooms.RoomsProperties;
import im.session.Session;
import im.testing.RecordingOutbound;
import im.testing.TestAccounts;
import im.testing.TestDatabase;
import im.testing.TestLimits;
import im.tokens.ResumeTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The real services and every command, wired by hand around a users file and a database in a temp folder. */
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

    CommandFixture(Path dir) {
        accounts = TestAccounts.in(dir);
        database = TestDatabase.sqlite(dir.resolve("db"));
        inbox = new Inbox(database.messageStore(), presence, TestLimits.inbox(), TestLimits.connection(),
                Clock.systemUTC(), meters);
        rooms = new Rooms(database.roomStore(), presence, inbox, new RoomsProperties(10_000, 100));
        DirectMessages delivery = new DirectMessages(accounts, presence, inbox);
        tokens = new ResumeTokens(database.tokenStore(), Duration.ofDays(30), clock);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        router = new CommandRouter(List.of(new RegisterCommand(accounts, meters),
                new LoginCommand(accounts, presence, inbox, meters), new ListOnlineCommand(presence),
                new SendCommand(delivery, rooms), new LogoutCommand(presence, tokens), new PingCommand(),
                new HelpCommand(beans.getBeanProvider(CommandRouter.class)), new QuitCommand(),
                new PasswdCommand(accounts, presence, tokens, meters), new JoinCommand(rooms), new LeaveCommand(rooms),
                new RoomsCommand(rooms), new MembersCommand(rooms), new AckCommand(inbox),
                new HistoryCommand(accounts, rooms, inbox, TestLimits.connection()), new SessionsCommand(presence, tokens),
                new TokenCommand(tokens), new ResumeCommand(tokens, accounts, presence, inbox, meters)),
                TestLimits.throttle(), meters);
        beans.addBean("router", router);
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
        Reply reply = router.handle(session, line);
        if (reply.isLater()) {
            reply = reply.resolved();
        }
        reply.linesBefore().forEach(session::send);
        reply.runAfterwards();
        return reply.line();
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
        inbox.close();
        database.close();
    }
}
