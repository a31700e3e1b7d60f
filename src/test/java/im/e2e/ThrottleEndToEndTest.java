package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The abuse limits over real sockets, with small settings. Each test talks from its own
 * loopback address (127.0.0.x), which the server counts as a remote address of its own.
 */
@TestPropertySource(properties = {
        "im.throttle.command-burst=40", "im.throttle.commands-per-second=1", "im.throttle.rate-limited-before-bye=3",
        "im.throttle.free-login-failures-per-account=3", "im.throttle.free-login-failures-per-address=6",
        "im.throttle.login-backoff-initial=30s", "im.throttle.registrations-per-address=3",
        "im.throttle.max-connections-per-address=4"})
class ThrottleEndToEndTest extends ServerTestSupport {

    @Test
    void commandsOverTheRateAreRefusedAndAClientThatKeepsOnIsDisconnected() {
        try (TestClient flooder = TestClient.connectFrom("127.0.0.2", port)) {
            StringBuilder pings = new StringBuilder();
            for (int i = 0; i < 45; i++) {
                pings.append("PING ").append(i).append('\n');
            }
            flooder.sendRaw(pings.toString().getBytes(StandardCharsets.US_ASCII));
            List<String> lines = flooder.readUntilClosed();
            assertThat(lines.subList(0, 40)).allMatch(line -> line.startsWith("OK PONG "));
            assertThat(lines.subList(40, lines.size())).containsExactly(
                    "ERR RATE_LIMITED retry after 1", "ERR RATE_LIMITED retry after 1",
                    "ERR RATE_LIMITED retry after 1", "BYE too many commands");
        }
    }

    @Test
    void repeatedFailuresSlowDownThatAccountAtThatAddressButNotItsOwnerElsewhere() {
        String name;
        try (TestClient owner = TestClient.connectFrom("127.0.0.3", port)) {
            name = owner.registerAndLogin("target");
        }
        try (TestClient attacker = TestClient.connectFrom("127.0.0.4", port)) {
            for (int i = 0; i < 3; i++) {
                assertThat(attacker.command("LOGIN " + name + " guess" + i + "xx")).startsWith("ERR BAD_CREDENTIALS ");
            }
            assertThat(attacker.command("LOGIN " + name + " password1")).matches("ERR RATE_LIMITED retry after \\d+");
            assertThat(attacker.command("LOGIN " + name + " guess9xx")).matches("ERR RATE_LIMITED retry after \\d+");
        }
        try (TestClient owner = TestClient.connectFrom("127.0.0.3", port)) {
            assertThat(owner.command("LOGIN " + name + " password1")).isEqualTo("OK LOGGED_IN " + name);
        }
    }

    @Test
    void anAddressGuessingManyAccountsIsSlowedDownTooUnknownNamesAlike() {
        try (TestClient attacker = TestClient.connectFrom("127.0.0.5", port)) {
            for (int i = 0; i < 6; i++) {
                assertThat(attacker.command("LOGIN nobody" + i + " password1")).startsWith("ERR BAD_CREDENTIALS ");
            }
            assertThat(attacker.command("LOGIN nobody9 password1")).matches("ERR RATE_LIMITED retry after \\d+");
        }
    }

    @Test
    void registrationsFromOneAddressAreLimited() {
        try (TestClient client = TestClient.connectFrom("127.0.0.6", port)) {
            for (int i = 0; i < 3; i++) {
                String name = TestClient.uniqueName("reg");
                assertThat(client.command("REGISTER " + name + " s3cretpass")).isEqualTo("OK REGISTERED " + name);
            }
            assertThat(client.command("REGISTER " + TestClient.uniqueName("reg") + " s3cretpass"))
                    .matches("ERR RATE_LIMITED retry after \\d+");
        }
    }

    @Test
    void connectionsOverThePerAddressLimitGetByeAndOtherAddressesStillConnect() {
        List<TestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                open.add(TestClient.connectFrom("127.0.0.7", port));
            }
            try (TestClient oneTooMany = TestClient.connectFrom("127.0.0.7", port)) {
                assertThat(oneTooMany.readUntilClosed()).containsExactly("BYE too many connections from your address");
            }
            try (TestClient elsewhere = TestClient.connectFrom("127.0.0.8", port)) {
                assertThat(elsewhere.command("PING")).isEqualTo("OK PONG");
            }
            assertThat(open.get(0).command("PING")).isEqualTo("OK PONG");
        } finally {
            open.forEach(TestClient::close);
        }
    }
}
