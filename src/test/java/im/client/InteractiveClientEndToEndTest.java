package im.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.testing.ServerProcess;
import im.testing.ServerTestSupport;
import im.testing.TestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client on a real terminal (a pseudo-terminal from util-linux's {@code script}): a typed
 * password never reaches the screen, and every documented way of leaving exits 0 without a stack
 * trace. (How the stars look is {@code SecretsTest}'s.)
 */
class InteractiveClientEndToEndTest extends ServerTestSupport {

    @ParameterizedTest(name = "leaving with {0}")
    @ValueSource(strings = {"Ctrl-D", "Ctrl-C", "QUIT"})
    void aTypedPasswordNeverShowsAndLeavingIsCleanEveryWay(String way) throws Exception {
        String name;
        try (TestClient setup = TestClient.connect(port)) {
            name = TestClient.uniqueName("typist");
            setup.command("REGISTER " + name + " visiblesecret");
        }
        List<String> client = new ArrayList<>(ServerProcess.javaCommand("im.Application"));
        client.addAll(List.of("client", "--port", String.valueOf(port)));
        // "exec": without it, a shell that is not bash (dash, where SHELL is unset) stays between
        // script and the client, and a Ctrl-C kills that shell instead of reaching the client alone.
        ProcessBuilder terminal = new ProcessBuilder("script", "-q", "-e", "-c", "exec " + String.join(" ", client),
                "/dev/null")
                .redirectErrorStream(true);
        terminal.environment().put("TERM", "xterm");
        terminal.environment().remove("SHELL");
        Process process = terminal.start();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Thread reader = copying(process.getInputStream(), screen);
        OutputStream keys = process.getOutputStream();
        await().atMost(Duration.ofSeconds(30)).until(() -> shown(screen).contains("type HELP"));
        type(keys, "LOGIN " + name + " visiblesecret\r");
        await().atMost(Duration.ofSeconds(10)).until(() -> shown(screen).contains("logged in as " + name));
        type(keys, switch (way) {
            case "Ctrl-D" -> "\u0004";
            case "Ctrl-C" -> "\u0003";
            default -> "QUIT\r";
        });
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as(shown(screen)).isTrue();
        reader.join(5000);
        assertThat(process.exitValue()).as(shown(screen)).isZero();
        assertThat(shown(screen)).doesNotContain("visiblesecret").doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static void type(OutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private static String shown(ByteArrayOutputStream screen) {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    private static Thread copying(InputStream from, ByteArrayOutputStream to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                    }
                }
            } catch (IOException ended) {
                // The client is gone.
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
