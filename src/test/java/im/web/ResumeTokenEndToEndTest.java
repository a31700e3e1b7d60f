package im.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.testing.ServerProcess;
import im.testing.WsTestClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token over WebSocket, against the server in its own JVM: it outlives a restart, not its LOGOUT nor its time. */
class ResumeTokenEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aTokenResumesAfterARestartUntilItsDeviceLogsOut() {
        String token;
        try (ServerProcess server = ServerProcess.start(dir); WsTestClient tab = WsTestClient.connect(server.webPort())) {
            tab.command("REGISTER carol password1");
            assertThat(tab.command("LOGIN carol password1 tab")).isEqualTo("OK LOGGED_IN carol");
            token = tab.command("TOKEN").substring("OK TOKEN ".length());
        }
        try (ServerProcess server = ServerProcess.start(dir)) {
            try (WsTestClient reloaded = WsTestClient.connect(server.webPort())) {
                assertThat(reloaded.command("RESUME " + token)).isEqualTo("OK LOGGED_IN carol");
                assertThat(reloaded.command("SESSIONS")).startsWith("OK SESSIONS 1 tab@127.0.0.1 TOKENS 1 tab/");
                assertThat(reloaded.command("LOGOUT")).isEqualTo("OK LOGGED_OUT");
            }
            try (WsTestClient again = WsTestClient.connect(server.webPort())) {
                assertThat(again.command("RESUME " + token)).startsWith("ERR BAD_CREDENTIALS ");
            }
        }
    }

    @Test
    void aTokenEndsWithItsTimeToLive() {
        try (ServerProcess server = ServerProcess.start(dir, "--im.auth.token-ttl=2s");
                WsTestClient tab = WsTestClient.connect(server.webPort())) {
            tab.command("REGISTER dave password1");
            tab.command("LOGIN dave password1 tab");
            String token = tab.command("TOKEN").substring("OK TOKEN ".length());
            try (WsTestClient reloaded = WsTestClient.connect(server.webPort())) {
                assertThat(reloaded.command("RESUME " + token)).isEqualTo("OK LOGGED_IN dave");
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
                try (WsTestClient late = WsTestClient.connect(server.webPort())) {
                    return late.command("RESUME " + token).startsWith("ERR BAD_CREDENTIALS ");
                }
            });
        }
    }
}
