package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM: every connection hears BYE, and the process exits 0 within 10 seconds. */
class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void sigtermSaysByeToEveryConnectionAndExitsZero() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir);
                TestClient loggedIn = TestClient.connect(server.port());
                TestClient anonymous = TestClient.connect(server.port())) {
            loggedIn.registerAndLogin("leaving");
            assertThat(anonymous.command("PING")).isEqualTo("OK PONG");
            long start = System.nanoTime();
            server.process().destroy(); // SIGTERM
            assertThat(loggedIn.readUntilClosed()).containsExactly("BYE server shutting down");
            assertThat(anonymous.readUntilClosed()).containsExactly("BYE server shutting down");
            assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).as(server.log()).isTrue();
            assertThat(server.process().exitValue()).as(server.log()).isZero();
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
    }
}
