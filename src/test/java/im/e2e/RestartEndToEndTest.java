package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.Application;
import im.testing.ServerProcess;
import im.testing.ServerPorts;
import im.testing.TestClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

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
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--im.limits.max-line-bytes=10").close())
                .hasStackTraceContaining("im.limits.max-line-bytes must be between 256 and");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--im.limits.no-such-setting=1").close())
                .hasStackTraceContaining("im.limits.no-such-setting");
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
