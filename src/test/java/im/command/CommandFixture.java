package im.command;

import im.auth.AccountStore;
import im.auth.Accounts;
import im.auth.PasswordHashing;
import im.delivery.Delivery;
import im.delivery.MessageIds;
import im.presence.Presence;
import im.protocol.Reply;
import im.session.Session;
import im.testing.RecordingOutbound;
import im.testing.TestAccounts;
import im.testing.TestLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The real services and every command, wired by hand around a users file in a temp folder. */
final class CommandFixture {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Accounts accounts;
    final Presence presence = new Presence(TestLimits.defaults(), meters);
    final Delivery delivery;
    final CommandRouter router;

    CommandFixture(Path dir) {
        accounts = TestAccounts.in(dir);
        delivery = new Delivery(accounts, presence, new MessageIds(), TestLimits.defaults(), meters);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        router = new CommandRouter(List.of(new RegisterCommand(accounts, meters),
                new LoginCommand(accounts, presence, meters), new ListOnlineCommand(presence),
                new SendCommand(delivery), new LogoutCommand(presence), new PingCommand(),
                new HelpCommand(beans.getBeanProvider(CommandRouter.class)), new QuitCommand(), new PasswdCommand(accounts, meters)), TestLimits.throttle(), meters);
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

    String run(Session session, String line) {
        Reply reply = router.handle(session, line);
        return reply.line();
    }

    static List<String> linesOf(Session session) {
        return RecordingOutbound.of(session).lines();
    }
}
