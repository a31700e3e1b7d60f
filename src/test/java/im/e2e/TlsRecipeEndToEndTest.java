package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ClientProcess;
import im.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/SECURITY.md's local TLS recipe, run as it stands there: its key and trust store commands
 * in a shell, its server command's settings, and its client command, which must talk TLS with
 * the certificate checked. Only the ports are changed to free ones, and the paths anchored in
 * the test's folder.
 */
class TlsRecipeEndToEndTest {

    private static final String JAR = "java -jar target/im-server.jar ";

    @TempDir
    Path dir;

    @Test
    void theLocalRecipeWorksAsPasted() throws Exception {
        String doc = Files.readString(Path.of("docs", "SECURITY.md"), StandardCharsets.UTF_8);
        Process keys = new ProcessBuilder("bash", "-euc", block(doc, "keys")).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String keysOutput = new String(keys.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keys.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keys.exitValue()).as(keysOutput).isZero();

        String tlsPort = String.valueOf(ServerProcess.freePort());
        List<String> server = arguments(block(doc, "server"), JAR, tlsPort).stream()
                // The test's own plain and HTTP ports, which it waits on.
                .filter(arg -> !arg.startsWith("--im.tcp.port=") && !arg.startsWith("--server.port=")
                        && !arg.startsWith("--management.server.port=")).toList();
        try (ServerProcess running = ServerProcess.start(dir, server.toArray(String[]::new))) {
            List<String> client = arguments(block(doc, "client"), JAR + "client ", tlsPort);
            ClientProcess.Result result = ClientProcess.run(dir, client, "PING recipe\n");
            assertThat(result.stdout()).as(result.stderr()).contains("OK PONG recipe");
            assertThat(result.exitCode()).isZero();
        }
    }

    /** The shell block after {@code <!-- recipe: name -->}. */
    private static String block(String doc, String name) {
        int marker = doc.indexOf("<!-- recipe: " + name + " -->");
        assertThat(marker).as("the recipe's " + name + " block").isNotNegative();
        int start = doc.indexOf("```sh\n", marker) + "```sh\n".length();
        return doc.substring(start, doc.indexOf("\n```", start));
    }

    /** A one-command block's arguments after {@code prefix}, the TLS port and the tls/ folder made the test's. */
    private List<String> arguments(String command, String prefix, String tlsPort) {
        String joined = command.replace("\\\n", " ").strip();
        assertThat(joined).startsWith(prefix);
        return Arrays.stream(joined.substring(prefix.length()).trim().split(" +"))
                .map(arg -> arg.replace("5102", tlsPort).replace("tls/", dir.resolve("tls") + "/")).toList();
    }
}
