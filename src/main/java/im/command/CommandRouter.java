package im.command;

import im.concurrent.MustNotBlock;
import im.protocol.ErrorCode;
import im.concurrent.MustNotBlock;
import im.protocol.Events;
import im.concurrent.MustNotBlock;
import im.protocol.Reply;
import im.concurrent.MustNotBlock;
import im.protocol.Request;
import im.concurrent.MustNotBlock;
import im.protocol.RequestRejected;
import im.session.CommandRate;
import im.session.LineHandler;
import im.session.Session;
import im.throttle.ThrottleProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place every command line goes through: finds the handler by keyword, checks
 * arguments and login, runs it, and answers with exactly one line. Startup fails on two
 * handlers with one keyword.
 */
@Component
public class CommandRouter implements LineHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

    /** Keyword → its handler and timer, found with one look-up per line. */
    private final Map<String, Route> routes;
    /** The keywords, sorted. */
    private final List<String> keywords;
    private final CommandTimer unknownTimer;
    private final int rateLimitedBeforeBye;
    /** How many tokens to split a line into, by its keyword: what its command can use, and one more to say there are too many. */
    private final ToIntFunction<String> tokensOfKeyword = this::tokensOf;

    public CommandRouter(List<Command> handlers, ThrottleProperties throttle, MeterRegistry meters) {
        this.rateLimitedBeforeBye = throttle.rateLimitedBeforeBye();
        Map<String, Route> byKeyword = handlers.stream().collect(Collectors.toMap(c -> c.spec().keyword(),
                c -> new Route(c, CommandTimer.register(meters, c.spec().keyword(), c.spec().neverBlocks())), (a, b) -> {
                    throw new IllegalStateException("Two handlers for " + a.command().spec().keyword());
                }, TreeMap::new));
        byKeyword.values().forEach(route -> {
            if (route.command().spec().summary().isBlank()) {
                throw new IllegalStateException("No summary for HELP " + route.command().spec().keyword());
            }
        });
        this.keywords = List.copyOf(byKeyword.keySet());
        this.routes = Map.copyOf(byKeyword);
        this.unknownTimer = CommandTimer.register(meters, "unknown", false);
    }

    /** The spec of a command by its keyword (upper case), or null. */
    public CommandSpec spec(String keyword) {
        Route route = routes.get(keyword);
        return route == null ? null : route.command().spec();
    }

    /** The keywords of all commands, sorted. */
    public List<String> keywords() {
        return keywords;
    }

    @Override
    public Reply handle(Session session, String line) {
        return handle(session, line, false);
    }

    @Override
    public Optional<Reply> handleIfNeverBlocks(Session session, String line) {
        return Optional.ofNullable(handle(session, line, true));
    }

    private Reply handle(Session session, String line, boolean onlyNonBlocking) {
        try {
            return route(session, line, onlyNonBlocking);
        } catch (RuntimeException e) {
            // A fault outside any handler (parsing, the rate check): still exactly one reply.
            log.error("Failed to handle a line for {}", session, e);
            return Reply.error(ErrorCode.INTERNAL, "the server failed to handle that line");
        }
    }

    /** With {@code onlyNonBlocking}, null for a command that may block, before anything is done for it. */
    private Reply route(Session session, String line, boolean onlyNonBlocking) {
        Request request = Request.parse(line, tokensOfKeyword);
        if (request == null) {
            return Reply.NONE;
        }
        Route found = routes.get(request.keyword());
        if (onlyNonBlocking && found != null && !found.command().spec().neverBlocks()) {
            return null;
        }
        CommandTimer timer = found == null ? unknownTimer : found.timer();
        int weight = timer.weightOfNext();
        boolean timed = weight > 0;
        // The clock is read only for a command that is timed or rate limited.
        CommandRate rate = session.commandRate();
        long start = timed || rate != null ? System.nanoTime() : 0;
        int refusedInARow = rate == null ? 0 : rate.take(start);
        if (refusedInARow > 0) {
            return rateLimited(session, rate, refusedInARow, start);
        }
        Reply reply;
        if (found == null) {
            reply = unknown(request);
        } else if (onlyNonBlocking) {
            try {
                reply = run(found.command(), request, session);
            } catch (MustNotBlock.WouldBlock wouldBlock) {
                // It needs what only a blocking call gets (a cluster's account look-up): the queue runs it.
                return null;
            }
        } else {
            reply = run(found.command(), request, session);
        }
        if (timed) {
            timer.record(System.nanoTime() - start, weight);
        } else {
            timer.count();
        }
        return reply;
    }

    private int tokensOf(String keyword) {
        Route route = routes.get(keyword);
        if (route == null) {
            return 1;
        }
        CommandSpec spec = route.command().spec();
        // Free text: the keyword, the arguments before the text, the text as one token.
        return spec.maxArguments() == CommandSpec.REST_OF_LINE ? Math.max(spec.minArguments(), 1) + 1
                : spec.maxArguments() + 2;
    }

    @Override
    public Reply lineTooLong(Session session, int maxLineBytes) {
        return Reply.error(ErrorCode.LINE_TOO_LONG, "lines are at most " + maxLineBytes + " bytes; line discarded");
    }

    /** Refuses a command over the connection's rate; a client that keeps on is disconnected. */
    private Reply rateLimited(Session session, CommandRate rate, int refusedInARow, long now) {
        Reply.Line refusal = Reply.error(ErrorCode.RATE_LIMITED, "retry after " + rate.secondsUntilNext(now));
        if (refusedInARow < rateLimitedBeforeBye) {
            return refusal;
        }
        session.send(refusal.line());
        session.sendAndClose(Events.bye("too many commands"));
        return Reply.NONE;
    }

    private Reply run(Command command, Request request, Session session) {
        CommandSpec spec = command.spec();
        int arguments = request.argumentCount();
        if (arguments < spec.minArguments() || arguments > spec.maxArguments()) {
            return Reply.error(ErrorCode.SYNTAX, "usage: " + spec.usage());
        }
        if (spec.requiresLogin() && !session.isLoggedIn()) {
            return Reply.error(ErrorCode.NOT_LOGGED_IN, "log in first");
        }
        try {
            Reply reply = command.execute(request, session);
            return reply instanceof Reply.Later later ? later.answeringFailuresWith(e -> failed(spec, session, e)) : reply;
        } catch (MustNotBlock.WouldBlock wouldBlock) {
            throw wouldBlock;
        } catch (RuntimeException e) {
            return failed(spec, session, e);
        }
    }

    private static Reply.Line failed(CommandSpec spec, Session session, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof RequestRejected rejected) {
            return rejected.toReply();
        }
        log.error("{} failed for {}", spec.keyword(), session, cause);
        return Reply.error(ErrorCode.INTERNAL, "the server failed to handle " + spec.keyword());
    }

    private static Reply unknown(Request request) {
        String keyword = request.keyword();
        String shown = keyword.length() > 32 ? keyword.substring(0, 32) + "..." : keyword;
        return Reply.error(ErrorCode.UNKNOWN_COMMAND, "no command " + shown + "; HELP lists them");
    }

    private record Route(Command command, CommandTimer timer) {
    }
}
