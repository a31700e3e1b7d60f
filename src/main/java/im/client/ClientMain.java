package im.client;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
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

    @Option(names = "--port", description = "server port (default: 5001, with --tls 5002)")
    Integer port;

    @Option(names = "--tls", description = "talk TLS (the server's TLS port, 5002 by default)")
    boolean tls;

    @Option(names = "--truststore", description = "with --tls: trust the certificates in this key store "
            + "(PKCS12 or JKS) instead of the JDK's authorities")
    Path trustStore;

    @Option(names = "--truststore-password", description = "the trust store's password, if it has one")
    String trustStorePassword;

    @Option(names = "--insecure", description = "with --tls: accept any certificate (a test server's "
            + "self-signed one); anyone in between can read along")
    boolean insecure;

    @Option(names = "--script", description = "read commands from stdin even on a terminal, print raw lines")
    boolean script;

    @Option(names = "--ids", description = "on a terminal: show message ids and error codes too")
    boolean ids;

    public static int run(String... args) {
        return new CommandLine(new ClientMain()).execute(args);
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ServerConnection connection;
        try {
            boolean secure = tls || insecure || trustStore != null;
            if (port == null) {
                port = secure ? 5002 : 5001;
            }
            connection = ServerConnection.open(host, port,
                    secure ? ClientTls.context(trustStore, trustStorePassword, insecure) : null, !insecure);
        } catch (IOException | GeneralSecurityException e) {
            System.err.println("im client: cannot connect to " + host + ":" + port + ": " + e.getMessage());
            return 1;
        }
        try (connection) {
            if (!script && onTerminal()) {
                return new InteractiveClient(connection, ids).run();
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
