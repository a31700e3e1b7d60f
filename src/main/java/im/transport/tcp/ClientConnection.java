package im.transport.tcp;

import im.concurrent.SerialExecutor;
import im.concurrent.Waiting;
import im.protocol.Reply;
import im.session.LineHandler;
import im.session.Session;
import im.session.SessionEndListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection: its session, its outbox, and the queue that runs its commands one
 * at a time in arrival order. A command that never blocks ({@code SEND}, {@code PING}) runs on
 * the thread that read it when nothing of the connection is queued; every other one, and every
 * line after it until the queue is empty, runs on worker threads, so that hashing and disk
 * writes never hold up reads (docs/ARCHITECTURE.md, "Threads", rules 1 and 2). Reading pauses
 * once too many commands wait, which pushes back on a client that pipelines faster than we
 * answer.
 */
final class ClientConnection {

    private static final int MAX_WAITING_COMMANDS = 256;
    private static final Duration MAX_WAIT_AT_END_OF_INPUT = Duration.ofSeconds(30);

    private final Session session;
    private final Outbox outbox;
    private final SerialExecutor commands;
    /** Commands received and not yet answered (a later reply counts until it is sent). */
    private final AtomicInteger waitingCommands = new AtomicInteger();
    private final LineSocket socket;
    private final LineHandler lineHandler;
    private final int maxLineBytes;
    /**
     * Replies still waiting for their command to complete (a SEND's message being stored), in
     * command order; later replies wait behind them. Guarded by itself. Sized for an idle
     * connection: it grows when a client sends many at once.
     */
    private final ArrayDeque<Reply.Later> unsent = new ArrayDeque<>(1);
    /** What runs once {@link #unsent} is empty (the end of input's close), or null; guarded by {@link #unsent}. */
    private Runnable afterUnsent;
    /**
     * Set by the reader for each line and taken by the keep-alive's sweep, which dates it: no
     * clock read per line.
     */
    private volatile boolean heard;
    /** When the sweep last found a line heard; written by the keep-alive timer only. */
    private volatile long lastInboundNanos = System.nanoTime();
    /** When the keep-alive last sent PING; 0 if never. Written by the keep-alive timer only. */
    private volatile long pingSentNanos;

    ClientConnection(Session session, Outbox outbox, SerialExecutor commands, LineHandler lineHandler,
            int maxLineBytes, LineSocket socket) {
        this.session = session;
        this.socket = socket;
        this.outbox = outbox;
        this.commands = commands;
        this.lineHandler = lineHandler;
        this.maxLineBytes = maxLineBytes;
    }

    Session session() {
        return session;
    }

    Outbox outbox() {
        return outbox;
    }

    /**
     * When a line last came in, to the keep-alive sweep's precision: a line heard since the last
     * sweep counts as coming in {@code now}. Called by the keep-alive timer only.
     */
    long lastInboundNanos(long now) {
        if (heard) {
            heard = false;
            lastInboundNanos = now;
        }
        return lastInboundNanos;
    }

    long pingSentNanos() {
        return pingSentNanos;
    }

    void pingSent(long nanos) {
        pingSentNanos = nanos;
    }

    /**
     * Called on the reading thread for each framed line (a String, {@link LineTooLong} or {@link RefusedLine}). A
     * command that never blocks runs right here when none is queued before it (the order stays
     * the arrival order): a message then goes from the socket to the store without waking a
     * thread for it. Any other runs on the connection's queue.
     */
    void received(Object line) {
        if (!heard) {
            heard = true;
        }
        int waiting = waitingCommands.incrementAndGet();
        Optional<Reply> here = line instanceof String text && commands.isIdle()
                ? lineHandler.handleIfNeverBlocks(session, text) : Optional.empty();
        if (here.isPresent()) {
            finish(here.get(), false);
        } else {
            commands.execute(() -> finish(line instanceof String text ? lineHandler.handle(session, text)
                    : line instanceof RefusedLine refused ? refused.reply()
                    : lineHandler.lineTooLong(session, maxLineBytes), true));
        }
        if (waiting >= MAX_WAITING_COMMANDS) {
            socket.pauseReading(this::mayRead);
        }
    }

    /**
     * Sends a command's reply in order. Off the connection's queue ({@code mayWait} false) it
     * must not wait for the later replies before it: a plain reply then queues behind them
     * (a command that never blocks answers with one line, nothing to run afterwards).
     */
    private void finish(Reply reply, boolean mayWait) {
        boolean later = false;
        try {
            Reply inOrder = !mayWait && reply instanceof Reply.Line line && hasUnsent()
                    ? Reply.later(CompletableFuture.completedFuture(line)) : reply;
            later = inOrder instanceof Reply.Later;
            answer(inOrder);
        } finally {
            if (!later) {
                // A later reply holds its place among the waiting commands until it is sent.
                answered();
            }
        }
    }

    private boolean hasUnsent() {
        synchronized (unsent) {
            return !unsent.isEmpty();
        }
    }

    private boolean mayRead() {
        return waitingCommands.get() < MAX_WAITING_COMMANDS;
    }

    private void answered() {
        if (waitingCommands.decrementAndGet() == MAX_WAITING_COMMANDS - 1) {
            socket.resumeReading();
        }
    }

    /**
     * Called when the client closed its sending side: lets the commands already received run
     * and their replies go out, then runs {@code then} (which closes the connection), so that
     * {@code printf 'PING\n' | nc -N host port} shows its answer. No thread waits for that: a
     * network blip that ends thousands of connections at once costs no thread each.
     */
    void finishInput(Runnable then) {
        commands.execute(() -> afterUnsent(() -> outbox.whenWritten(then)));
    }

    private void afterUnsent(Runnable action) {
        synchronized (unsent) {
            if (!unsent.isEmpty()) {
                afterUnsent = action;
                return;
            }
        }
        action.run();
    }

    /** Called once the connection is closed: after its last command, the listeners clean up. */
    void ended(List<SessionEndListener> listeners) {
        commands.execute(() -> listeners.forEach(listener -> listener.sessionEnded(session)));
    }

    private void answer(Reply reply) {
        if (reply instanceof Reply.Later later) {
            synchronized (unsent) {
                unsent.add(later);
            }
            later.deferred().whenComplete((done, failed) -> sendCompleted());
        } else if (reply instanceof Reply.Line line) {
            send(line);
        }
    }

    /** A reply line, after the later replies before it. */
    private void send(Reply.Line reply) {
        try {
            awaitUnsent(MAX_WAIT_AT_END_OF_INPUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reply.linesBefore().forEach(outbox::send);
        if (reply.closesConnection()) {
            outbox.sendAndClose(reply.line());
        } else {
            outbox.send(reply.line());
        }
        reply.afterwards().run();
    }

    /** Sends the completed replies at the head of the queue, in order. */
    private void sendCompleted() {
        Runnable after = null;
        synchronized (unsent) {
            while (!unsent.isEmpty() && unsent.peek().deferred().isDone()) {
                // Never throws: the router gives every later reply its ERR for a failure.
                outbox.send(unsent.poll().resolved().line());
                answered();
            }
            if (unsent.isEmpty()) {
                unsent.notifyAll();
                after = afterUnsent;
                afterUnsent = null;
            }
        }
        if (after != null) {
            after.run();
        }
    }

    /** Waits until every later reply so far has been sent; false if the time ran out first. */
    private boolean awaitUnsent(Duration max) throws InterruptedException {
        synchronized (unsent) {
            return Waiting.until(unsent, unsent::isEmpty, max);
        }
    }
}
