package im.e2e;

import im.Application;
import im.presence.PresenceProperties;
import im.testing.ServerPorts;
import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import static org.assertj.core.api.Assertions.assertThat;

/** Accounts survive a restart; a bad setting stops startup naming its key. */
class RestartEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void anAccountRegisteredBeforeARestartCanLogInAfterIt() {
        String name = TestClient.uniqueName("durable");
        try (ConfigurableApplicationContext first = start()) {
            try (TestClient client = TestClient.connect(port(first))) {
                assertThat(client.command("REGISTER " + name + " s3cretpass")).isEqualTo("OK REGISTERED " + name);
            }
        }
        try (ConfigurableApplicationContext second = start(); TestClient client = TestClient.connect(port(second))) {
            assertThat(client.command("LOGIN " + name.toUpperCase() + " s3cretpass")).isEqualTo("OK LOGGED_IN " + name);
            assertThat(client.command("REGISTER " + name + " s3cretpass")).startsWith("ERR USERNAME_TAKEN ");
        }
    }

    @Test
    void aBadSettingStopsStartupWithAMessageNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--im.connection.max-line-bytes=10").close())
                .hasStackTraceContaining("im.connection.max-line-bytes must be between 256 and");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--im.limits.no-such-setting=1").close())
                .hasStackTraceContaining("im.limits.no-such-setting");
    }

    @Test
    void aMovedSettingStillWorksUnderItsOldKey() {
        // Read as its new key: a bad value is refused under the new key's name ...
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--im.limits.max-line-bytes=10").close())
                .hasStackTraceContaining("im.connection.max-line-bytes must be between 256 and");
        // ... and a good one takes effect.
        try (ConfigurableApplicationContext context = start("--im.limits.max-sessions-per-user=3")) {
            assertThat(context.getBean(PresenceProperties.class).maxSessionsPerUser()).isEqualTo(3);
        }
    }

    private ConfigurableApplicationContext start(String... extra) {
        String[] args = new String[extra.length + 6];
        args[0] = "--im.tcp.port=0";
        args[1] = "--server.port=0";
        args[2] = "--im.users.file=" + dir.resolve("users.txt");
        args[3] = "--im.auth.pbkdf2-iterations=1000";
        // Its own database too: the default ./data is the checkout's, perhaps a developer's server's.
        args[4] = "--spring.datasource.url=" + ServerProcess.storeUrl(dir);
        args[5] = "--management.server.port=0";
        System.arraycopy(extra, 0, args, 6, extra.length);
        return new SpringApplicationBuilder(Application.class).run(args);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ServerPorts.tcpPort(context.getBean("imConnectionFactory", AbstractServerConnectionFactory.class));
    }
}
