package im.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp.Capability;

/**
 * On a terminal: JLine's line editor and history for typing, with Tab completing commands, user
 * names and rooms seen so far, and passwords shown as stars and kept out of the history; each
 * server line is printed above the prompt in words ({@link ConversationView}). Ctrl-D, Ctrl-C and
 * {@code QUIT} all leave cleanly, with exit code 0.
 */
final class InteractiveClient {

    static final List<String> COMMANDS = List.of("ACK", "HELP", "HISTORY", "JOIN", "LEAVE", "LIST_ONLINE", "LOGIN",
            "LOGOUT", "MEMBERS", "PASSWD", "PING", "QUIT", "REGISTER", "RESUME", "ROOMS", "SEND", "SESSIONS", "TOKEN");

    private final ServerConnection connection;
    private final ConversationView view;
    /** Set before the client itself ends the connection, so that the server's close is no news. */
    private volatile boolean leaving;
    private volatile boolean closedByServer;
    /** Set by a Ctrl-C that lands between two prompts, where JLine's own handler is not installed. */
    private volatile boolean interruptedByUser;

    InteractiveClient(ServerConnection connection, boolean showIds) {
        this.connection = connection;
        this.view = new ConversationView(Clock.systemDefaultZone(), showIds);
    }

    int run() throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).build();
        try {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("im")
                    .completer(completer()).highlighter(new PasswordStars()).history(new HistoryWithoutPasswords())
                    .build();
            Thread main = Thread.currentThread();
            // Without this, a Ctrl-C while a typed line is on its way kills the JVM with exit code 130.
            terminal.handle(Signal.INT, signal -> {
                interruptedByUser = true;
                main.interrupt();
            });
            connection.startReadingWithCommands((line, command) -> show(reader, view.show(line, command)), () -> {
                if (!leaving) {
                    show(reader, "* the server closed the connection");
                    closedByServer = true;
                    main.interrupt();
                }
            });
            if (!readCommands(reader) || closedByServer) {
                // The prompt JLine drew again under the server's last words: taken away.
                terminal.puts(Capability.cursor_up);
                terminal.puts(Capability.carriage_return);
                terminal.puts(Capability.clr_eol);
                terminal.flush();
            }
            return 0;
        } finally {
            leaving = true;
            Thread.interrupted();
            try {
                terminal.close();
            } catch (IOException | RuntimeException restoringFailed) {
                // The session is over either way.
            }
        }
    }

    /** Reads and sends lines until the user leaves (true) or the server closes the connection (false). */
    private boolean readCommands(LineReader reader) {
        while (true) {
            String line;
            try {
                line = reader.readLine("> ");
            } catch (UserInterruptException | EndOfFileException e) {
                leave();
                return true;
            } catch (RuntimeException interrupted) {
                return leftByUser();
            }
            if (Thread.currentThread().isInterrupted()) {
                return leftByUser();
            }
            if (line.strip().equalsIgnoreCase("QUIT")) {
                leave();
                return true;
            }
            if (!line.isBlank() && !sendQuietly(line)) {
                return false;
            }
        }
    }

    /** Prints above the prompt, unless the client is on its way out (the terminal may be closing). */
    private void show(LineReader reader, String text) {
        if (leaving) {
            return;
        }
        try {
            reader.printAbove(text);
        } catch (RuntimeException terminalGone) {
            // Only while leaving: nothing left to show it on.
        }
    }

    /** After an interrupt: a Ctrl-C between prompts leaves like one at the prompt; otherwise the server closed. */
    private boolean leftByUser() {
        if (!interruptedByUser || closedByServer) {
            return false;
        }
        Thread.interrupted();
        leave();
        return true;
    }

    private void leave() {
        leaving = true;
        sendQuietly("QUIT");
    }

    private boolean sendQuietly(String line) {
        try {
            connection.send(line);
            return true;
        } catch (IOException serverGone) {
            return false;
        }
    }

    private Completer completer() {
        return (reader, line, candidates) -> {
            if (line.wordIndex() == 0) {
                COMMANDS.forEach(command -> candidates.add(new Candidate(command)));
                return;
            }
            if (line.wordIndex() != 1 || line.words().isEmpty()) {
                return;
            }
            String command = line.words().get(0).toUpperCase(Locale.ROOT);
            if (List.of("SEND", "HISTORY", "LOGIN", "JOIN", "LEAVE", "MEMBERS").contains(command)) {
                if (!List.of("JOIN", "LEAVE", "MEMBERS").contains(command)) {
                    view.users().forEach(user -> candidates.add(new Candidate(user)));
                }
                if (!command.equals("LOGIN")) {
                    view.rooms().forEach(room -> candidates.add(new Candidate(room)));
                }
            }
        };
    }

    /** Shows each password word of the line being typed as stars. */
    private static final class PasswordStars implements Highlighter {

        @Override
        public AttributedString highlight(LineReader reader, String buffer) {
            return new AttributedString(Secrets.masked(buffer));
        }

        @Override
        public void setErrorPattern(Pattern errorPattern) {
        }

        @Override
        public void setErrorIndex(int errorIndex) {
        }
    }

    /** JLine's history, which never keeps a line with a password in it. */
    private static final class HistoryWithoutPasswords extends DefaultHistory {

        @Override
        public void add(Instant time, String line) {
            if (!Secrets.holdsPassword(line)) {
                super.add(time, line);
            }
        }
    }
}
