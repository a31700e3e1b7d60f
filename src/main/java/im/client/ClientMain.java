package im.client;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar im-server.jar client [--host H] [--port P]}: the CLI client, without Spring. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Talks im/1 to a server: interactive on a terminal, line by line from a pipe.")
public final class ClientMain implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "server host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "5001", description = "server port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--script", description = "read commands from stdin even on a terminal, print raw lines")
    boolean script;

    public static int run(String... args) {
        return new CommandLine(new ClientMain()).execute(args);
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ServerConnection connection;
        try {
            connection = ServerConnection.open(host, port);
        } catch (IOException e) {
            System.err.println("im client: cannot connect to " + host + ":" + port + ": " + e.getMessage());
            return 1;
        }
        try (connection) {
            if (!script && onTerminal()) {
                return new InteractiveClient(connection).run();
            }
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return new ScriptedClient(connection, stdin, out).run();
        }
    }

    /** Both ends on a terminal. Java 22+ has a Console even when redirected, so ask it. */
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException beforeJava22) {
            return true;
        }
    }
}
