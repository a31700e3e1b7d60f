package im.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Stdin is not a terminal: send each line, print every server line as it is, and exit 0
 * once every command has its reply (each non-blank line gets exactly one OK or ERR) or the
 * server closes.
 */
final class ScriptedClient {

    private static final Duration LAST_ACKNOWLEDGEMENTS = Duration.ofSeconds(5);

    private final ServerConnection connection;
    private final BufferedReader input;
    private final PrintStream out;
    private int sent;
    private int answered;
    private boolean closed;

    ScriptedClient(ServerConnection connection, BufferedReader input, PrintStream out) {
        this.connection = connection;
        this.input = input;
        this.out = out;
    }

    int run() throws IOException {
        connection.startReading(this::serverLine, this::serverClosed);
        for (String line = input.readLine(); line != null; line = input.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            synchronized (this) {
                if (closed) {
                    break;
                }
                sent++;
            }
            try {
                connection.send(line);
            } catch (IOException serverGone) {
                break;
            }
        }
        awaitReplies();
        try {
            connection.awaitEveryReply(LAST_ACKNOWLEDGEMENTS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private synchronized void awaitReplies() {
        while (!closed && answered < sent) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void serverLine(String line) {
        out.println(ServerLines.harmless(line));
        if (ServerLines.isReply(line)) {
            answered++;
            notifyAll();
        }
    }

    private synchronized void serverClosed() {
        closed = true;
        notifyAll();
    }
}
