package im.client;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ClientProcess;
import im.testing.ClientProcess.Result;
import im.testing.ServerTestSupport;
import im.testing.TestClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI client run as a user would from a script: stdin from a file, in its own JVM. */
class ScriptedClientEndToEndTest extends ServerTestSupport {

    @TempDir
    Path dir;

    @Test
    void sendsEachLinePrintsWhatTheServerSaysAndExitsZeroAfterTheLastReply() throws Exception {
        String name = TestClient.uniqueName("scripted");
        Result result = runClient(List.of("--port", String.valueOf(port)),
                "REGISTER " + name + " s3cretpass\n\nLOGIN " + name + " s3cretpass\nSEND " + name + " hi me\nLIST_ONLINE\n");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("HELLO im/1 im-server\nOK REGISTERED " + name + "\nOK LOGGED_IN " + name)
                .containsPattern("MSG \\S+ \\S+ " + name + " " + name + " hi me\n")
                .containsPattern("OK SENT " + name + " \\S+\n")
                .contains("OK ONLINE ");
    }

    @Test
    void acknowledgesWhatItShowedSoThatTheNextRunDoesNotShowItAgain() throws Exception {
        String bob = TestClient.uniqueName("bob");
        try (TestClient alice = TestClient.connect(port)) {
            alice.registerAndLogin("alice");
            alice.command("REGISTER " + bob + " s3cretpass");
            assertThat(alice.command("SEND " + bob + " while you were away")).startsWith("OK STORED " + bob + " ");
        }
        String login = "LOGIN " + bob + " s3cretpass\nPING done\n";
        Result first = runClient(List.of("--port", String.valueOf(port)), login);
        assertThat(first.stdout()).contains(" while you were away\n").doesNotContain("ACKED");
        Result second = runClient(List.of("--port", String.valueOf(port)), login);
        assertThat(second.stdout()).contains("OK PONG done").doesNotContain("while you were away");
    }

    @Test
    void quitEndsTheRunWhenTheServerCloses() throws Exception {
        Result result = runClient(List.of("--port", String.valueOf(port)), "QUIT\nPING never-answered\n");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("OK BYE").doesNotContain("never-answered");
    }

    @Test
    void cannotConnectIsOneLineOnStderrAndExitCodeOne() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Result result = runClient(List.of("--port", String.valueOf(closedPort)), "PING\n");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().strip()).startsWith("im client: cannot connect to 127.0.0.1:" + closedPort)
                .doesNotContain("\n");
    }

    private Result runClient(List<String> options, String input) throws IOException, InterruptedException {
        return ClientProcess.run(dir, options, input);
    }
}
