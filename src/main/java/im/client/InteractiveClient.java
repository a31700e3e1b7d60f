package im.client;

import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * On a terminal: JLine's line editor and history for typing, and each server line printed
 * above the prompt (JLine redraws what is being typed), events in plain words.
 */
final class InteractiveClient {

    private final ServerConnection connection;

    InteractiveClient(ServerConnection connection) {
        this.connection = connection;
    }

    int run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("im").build();
            Thread main = Thread.currentThread();
            connection.startReading(line -> reader.printAbove(ServerLines.readable(line)), () -> {
                reader.printAbove("* connection closed");
                main.interrupt();
            });
            return readCommands(reader);
        }
    }

    private int readCommands(LineReader reader) {
        while (true) {
            String line;
            try {
                line = reader.readLine("> ");
            } catch (UserInterruptException | EndOfFileException e) {
                sendQuietly("QUIT");
                return 0;
            } catch (RuntimeException interruptedByServerClose) {
                return 0;
            }
            if (Thread.interrupted()) {
                return 0;
            }
            if (!line.isBlank() && !sendQuietly(line)) {
                return 0;
            }
        }
    }

    private boolean sendQuietly(String line) {
        try {
            connection.send(line);
            return true;
        } catch (IOException serverGone) {
            return false;
        }
    }
}
