package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every core command, reply and error of PROTOCOL.md, over real sockets. */
class ProtocolEndToEndTest extends ServerTestSupport {

    @Test
    void greetsWithHelloAndTheProtocolVersion() {
        try (TestClient client = TestClient.connect(port)) {
            assertThat(client.hello()).isEqualTo("HELLO im/1 im-server");
        }
    }

    @Test
    void theProtocolDocumentsExampleConversation() {
        try (TestClient alice = TestClient.connect(port); TestClient bob = TestClient.connect(port)) {
            String a = TestClient.uniqueName("alice");
            String b = TestClient.uniqueName("bob");
            assertThat(alice.command("REGISTER " + a + " s3cretpass")).isEqualTo("OK REGISTERED " + a);
            assertThat(bob.command("REGISTER " + b + " s3cretpass")).isEqualTo("OK REGISTERED " + b);
            assertThat(alice.command("LOGIN " + a + " s3cretpass")).isEqualTo("OK LOGGED_IN " + a);
            assertThat(bob.command("LOGIN " + b + " s3cretpass")).isEqualTo("OK LOGGED_IN " + b);
            alice.awaitEvent("JOINED " + b);
            assertThat(alice.command("LIST_ONLINE")).startsWith("OK ONLINE ").contains(" " + a).contains(" " + b);
            String sent = alice.command("SEND " + b + " hi there, bob");
            assertThat(sent).matches("OK SENT " + b + " \\S+");
            String id = sent.substring(sent.lastIndexOf(' ') + 1);
            assertThat(bob.awaitEvent(line -> line.startsWith("MSG ")))
                    .matches("MSG " + id + " \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z " + a + " " + b
                            + " hi there, bob");
            String carol = TestClient.uniqueName("carol");
            alice.command("REGISTER " + carol + " s3cretpass");
            assertThat(alice.command("SEND " + carol + " hi")).matches("OK STORED " + carol + " \\S+");
            assertThat(alice.command("LOGOUT")).isEqualTo("OK LOGGED_OUT");
            bob.awaitEvent("LEFT " + a);
        }
    }

    @Test
    void keywordsAreCaseInsensitiveAndNamesAreAcceptedInAnyCase() {
        try (TestClient client = TestClient.connect(port)) {
            String name = TestClient.uniqueName("MiXeD");
            assertThat(client.command("register " + name + " s3cretpass")).isEqualTo("OK REGISTERED " + name);
            assertThat(client.command("LoGiN " + name.toLowerCase() + " s3cretpass")).isEqualTo("OK LOGGED_IN " + name);
            assertThat(client.command("send " + name.toUpperCase() + " hi")).startsWith("OK SENT " + name + " ");
        }
    }

    @Test
    void emptyLinesGetNoReplyAndSpacesAroundALineAreIgnored() {
        try (TestClient client = TestClient.connect(port)) {
            client.send("");
            client.send("   ");
            client.send("   PING   x   ");
            assertThat(client.nextLine()).isEqualTo("OK PONG x");
        }
    }

    @Test
    void everyCoreErrorCode() {
        try (TestClient client = TestClient.connect(port); TestClient other = TestClient.connect(port)) {
            assertThat(client.command("FLY away")).startsWith("ERR UNKNOWN_COMMAND ");
            assertThat(client.command("REGISTER x")).startsWith("ERR SYNTAX ");
            assertThat(client.command("REGISTER bad!name s3cretpass")).startsWith("ERR INVALID_USERNAME ");
            assertThat(client.command("REGISTER " + TestClient.uniqueName("p") + " short")).startsWith("ERR INVALID_PASSWORD ");
            assertThat(client.command("LIST_ONLINE")).startsWith("ERR NOT_LOGGED_IN ");
            assertThat(client.command("SEND x hi")).startsWith("ERR NOT_LOGGED_IN ");
            assertThat(client.command("LOGOUT")).startsWith("ERR NOT_LOGGED_IN ");
            String name = other.registerAndLogin("err");
            assertThat(client.command("REGISTER " + name.toUpperCase() + " s3cretpass")).startsWith("ERR USERNAME_TAKEN ");
            assertThat(client.command("LOGIN " + name + " wrongpass")).startsWith("ERR BAD_CREDENTIALS ");
            assertThat(client.command("LOGIN " + name + " password1")).isEqualTo("OK LOGGED_IN " + name);
            assertThat(client.command("LOGIN " + name + " password1")).startsWith("ERR ALREADY_LOGGED_IN ");
            assertThat(client.command("SEND nobody-" + name + " hi")).startsWith("ERR NO_SUCH_USER ");
            assertThat(client.command("SEND " + name + " " + "x".repeat(2001))).startsWith("ERR MESSAGE_TOO_LONG ");
            assertThat(client.command("SEND " + name)).startsWith("ERR SYNTAX ");
            assertThat(client.command("x".repeat(5000))).startsWith("ERR LINE_TOO_LONG ");
            assertThat(client.command("PING still-here")).isEqualTo("OK PONG still-here");
        }
    }

    @Test
    void theNinthSessionOfAUserEndsTheOldestWithABye() {
        TestClient[] sessions = new TestClient[9];
        try {
            sessions[0] = TestClient.connect(port);
            String name = sessions[0].registerAndLogin("many");
            for (int i = 1; i < 8; i++) {
                sessions[i] = TestClient.connect(port);
                assertThat(sessions[i].command("LOGIN " + name + " password1")).startsWith("OK LOGGED_IN ");
            }
            sessions[8] = TestClient.connect(port);
            assertThat(sessions[8].command("LOGIN " + name + " password1")).startsWith("OK LOGGED_IN ");
            assertThat(sessions[0].readUntilClosed()).last().asString().startsWith("BYE session limit");
        } finally {
            for (TestClient session : sessions) {
                if (session != null) {
                    session.close();
                }
            }
        }
    }

    @Test
    void pingHelpAndQuit() {
        try (TestClient client = TestClient.connect(port)) {
            assertThat(client.command("PING")).isEqualTo("OK PONG");
            assertThat(client.command("PING abc")).isEqualTo("OK PONG abc");
            // Every keyword once, sorted, HELP itself among them (HelpCommandTest checks them against the registry).
            String help = client.command("HELP");
            assertThat(help).startsWith("OK HELP ");
            List<String> keywords = List.of(help.substring("OK HELP ".length()).split(" "));
            assertThat(keywords).isSorted().doesNotHaveDuplicates().contains("HELP", "LOGIN", "SEND", "QUIT");
            client.send("QUIT");
            assertThat(client.readUntilClosed()).containsExactly("OK BYE");
        }
    }

    @Test
    void logoutKeepsTheConnectionForAnotherLogin() {
        try (TestClient client = TestClient.connect(port)) {
            String name = client.registerAndLogin("again");
            assertThat(client.command("LOGOUT")).isEqualTo("OK LOGGED_OUT");
            assertThat(client.command("LIST_ONLINE")).startsWith("ERR NOT_LOGGED_IN ");
            assertThat(client.command("LOGIN " + name + " password1")).isEqualTo("OK LOGGED_IN " + name);
        }
    }
}
