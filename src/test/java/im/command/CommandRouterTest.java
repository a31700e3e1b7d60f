package im.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import im.testing.TestLimits;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommandRouterTest extends CommandTestSupport {

    @Test
    void anUnknownKeywordIsAnsweredUnknownCommand() {
        assertThat(fixture.run(fixture.newSession(), "DANCE now")).startsWith("ERR UNKNOWN_COMMAND ");
    }

    @Test
    void wrongArgumentCountsAreAnsweredWithTheUsageLine() {
        Session session = fixture.newSession();
        assertThat(fixture.run(session, "REGISTER onlyname")).isEqualTo("ERR SYNTAX usage: REGISTER <user> <password>");
        assertThat(fixture.run(session, "REGISTER a b c")).startsWith("ERR SYNTAX ");
        assertThat(fixture.run(session, "PING a b")).isEqualTo("ERR SYNTAX usage: PING [token]");
    }

    @Test
    void commandsThatNeedALoginSayNotLoggedIn() {
        Session session = fixture.newSession();
        for (String line : List.of("LIST_ONLINE", "SEND bob hi", "LOGOUT")) {
            assertThat(fixture.run(session, line)).isEqualTo("ERR NOT_LOGGED_IN log in first");
        }
    }

    @Test
    void blankLinesGetNoReply() {
        assertThat(fixture.router.handle(fixture.newSession(), "   ")).isEqualTo(Reply.NONE);
    }

    @Test
    void aFailingHandlerIsAnsweredInternalAndTheRouterGoesOn() {
        Command broken = new Command() {
            @Override
            public CommandSpec spec() {
                return CommandSpec.anyone("BREAK", "BREAK", 0, 0).saying("Fails, for this test.");
            }

            @Override
            public Reply execute(Request request, Session session) {
                throw new IllegalStateException("bug");
            }
        };
        CommandRouter router = new CommandRouter(List.of(broken, new PingCommand()), TestLimits.throttle(), new SimpleMeterRegistry());
        assertThat(CommandFixture.lineOf(router.handle(fixture.newSession(), "BREAK")).line()).startsWith("ERR INTERNAL ");
        assertThat(CommandFixture.lineOf(router.handle(fixture.newSession(), "PING")).line()).isEqualTo("OK PONG");
    }

    @Test
    void twoHandlersForOneKeywordStopStartup() {
        assertThatThrownBy(() -> new CommandRouter(List.of(new PingCommand(), new PingCommand()),
                TestLimits.throttle(), new SimpleMeterRegistry())).hasMessageContaining("PING");
    }

    @Test
    void aSpecWhoseUsageDoesNotStartWithItsKeywordIsRefused() {
        assertThatThrownBy(() -> CommandSpec.anyone("PING", "", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandSpec.anyone("ping", "ping", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCommandIsCountedAndACommandThatMayBlockIsTimedEachTime() {
        Session session = fixture.newSession();
        fixture.run(session, "HELP");
        fixture.run(session, "HELP");
        FunctionTimer help = fixture.meters.get("im.command").tag("command", "HELP").functionTimer();
        assertThat(help.count()).isEqualTo(2);
        assertThat(help.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void aCommandThatNeverBlocksIsTimedEachTimeWhileQuietThenOneTimeInSixteenScaledUp() {
        Session session = fixture.newSession();
        fixture.run(session, "PING");
        FunctionTimer ping = fixture.meters.get("im.command").tag("command", "PING").functionTimer();
        assertThat(ping.count()).isEqualTo(1);
        assertThat(ping.totalTime(TimeUnit.NANOSECONDS)).as("a quiet server's one PING").isPositive();
        for (int i = 1; i < CommandTimer.TIMED_FIRST + 1600; i++) {
            fixture.run(session, "PING");
        }
        assertThat(ping.count()).isEqualTo(CommandTimer.TIMED_FIRST + 1600);
        assertThat(ping.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void onlyCommandsThatNeverBlockRunWhereTheLineWasRead() {
        Session session = fixture.newSession();
        assertThat(fixture.router.handleIfNeverBlocks(session, "PING here").map(CommandFixture::lineOf).orElseThrow().line()).isEqualTo("OK PONG here");
        assertThat(fixture.router.handleIfNeverBlocks(session, "SEND bob hi").map(CommandFixture::lineOf).orElseThrow().line()).isEqualTo("ERR NOT_LOGGED_IN log in first");
        assertThat(fixture.router.handleIfNeverBlocks(session, "DANCE").map(CommandFixture::lineOf).orElseThrow().line()).startsWith("ERR UNKNOWN_COMMAND ");
        assertThat(fixture.router.handleIfNeverBlocks(session, "")).contains(Reply.NONE);
        // Hashing: left for the connection's queue, and not counted as run.
        assertThat(fixture.router.handleIfNeverBlocks(session, "REGISTER alice s3cretpass")).isEmpty();
        assertThat(fixture.meters.get("im.command").tag("command", "REGISTER").functionTimer().count()).isZero();
        assertThat(fixture.run(session, "REGISTER alice s3cretpass")).isEqualTo("OK REGISTERED alice");
    }
}
