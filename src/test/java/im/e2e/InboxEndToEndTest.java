package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offline delivery, cursors per device and history, over real sockets against one server. */
class InboxEndToEndTest extends ServerTestSupport {

    @Test
    void eachDeviceHasItsOwnCursor() {
        String bob = TestClient.uniqueName("bob");
        String id;
        try (TestClient alice = TestClient.connect(port); TestClient phone = TestClient.connect(port);
                TestClient laptop = TestClient.connect(port)) {
            String a = alice.registerAndLogin("alice");
            alice.command("REGISTER " + bob + " password1");
            assertThat(phone.command("LOGIN " + bob + " password1 phone")).isEqualTo("OK LOGGED_IN " + bob);
            assertThat(laptop.command("LOGIN " + bob + " password1 laptop")).isEqualTo("OK LOGGED_IN " + bob);
            id = idOf(alice.command("SEND " + bob + " for every device"));
            assertThat(phone.nextLine()).startsWith("MSG " + id + " ").endsWith(a + " " + bob + " for every device");
            assertThat(laptop.nextLine()).startsWith("MSG " + id + " ");
            assertThat(phone.command("ACK " + id)).isEqualTo("OK ACKED " + id);
        }
        try (TestClient laptopAgain = TestClient.connect(port)) {
            assertThat(laptopAgain.command("LOGIN " + bob + " password1 laptop")).isEqualTo("OK LOGGED_IN " + bob);
            assertThat(laptopAgain.nextLine()).as("not acknowledged on the laptop").startsWith("MSG " + id + " ");
        }
        try (TestClient phoneAgain = TestClient.connect(port)) {
            assertThat(phoneAgain.command("LOGIN " + bob + " password1 phone")).isEqualTo("OK LOGGED_IN " + bob);
            assertThat(phoneAgain.command("PING after-replay")).isEqualTo("OK PONG after-replay");
            assertThat(phoneAgain.events()).noneMatch(line -> line.startsWith("MSG "));
        }
    }

    @Test
    void aClientCutOffBeforeItAcknowledgesGetsTheMessageAgain() {
        try (TestClient alice = TestClient.connect(port)) {
            alice.registerAndLogin("alice");
            String bob;
            String id;
            try (TestClient bobsPhone = TestClient.connect(port)) {
                bob = bobsPhone.registerAndLogin("bob");
                id = idOf(alice.command("SEND " + bob + " did you get this?"));
                assertThat(bobsPhone.awaitEvent(line -> line.startsWith("MSG " + id + " "))).isNotNull();
            }
            try (TestClient again = TestClient.connect(port)) {
                assertThat(again.command("LOGIN " + bob + " password1")).isEqualTo("OK LOGGED_IN " + bob);
                assertThat(again.nextLine()).startsWith("MSG " + id + " ").endsWith(" did you get this?");
                assertThat(again.command("ACK " + id)).isEqualTo("OK ACKED " + id);
                assertThat(again.command("ACK zzzzzzzzzzzz")).startsWith("ERR NO_SUCH_MESSAGE ");
                assertThat(again.command("ACK not-an-id")).startsWith("ERR NO_SUCH_MESSAGE ");
            }
        }
    }

    @Test
    void theSendersOtherDevicesGetWhatItSentButTheSendingDeviceDoesNot() {
        try (TestClient phone = TestClient.connect(port); TestClient bob = TestClient.connect(port)) {
            String alice = phone.registerAndLogin("alice");
            String b = bob.registerAndLogin("bob");
            String id = idOf(phone.command("SEND " + b + " from my phone"));
            try (TestClient laptop = TestClient.connect(port)) {
                assertThat(laptop.command("LOGIN " + alice + " password1 laptop")).isEqualTo("OK LOGGED_IN " + alice);
                assertThat(laptop.nextLine()).startsWith("MSG " + id + " ").endsWith(alice + " " + b + " from my phone");
            }
            phone.command("LOGOUT");
            assertThat(phone.command("LOGIN " + alice + " password1")).isEqualTo("OK LOGGED_IN " + alice);
            assertThat(phone.command("PING")).isEqualTo("OK PONG");
            assertThat(phone.events()).noneMatch(line -> line.startsWith("MSG " + id));
        }
    }

    @Test
    void historyPagesBackOldestFirstAndLiveMessagesWaitUntilItsReply() {
        try (TestClient alice = TestClient.connect(port); TestClient bob = TestClient.connect(port)) {
            alice.registerAndLogin("alice");
            String b = bob.registerAndLogin("bob");
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                ids.add(idOf(alice.command("SEND " + b + " message " + i)));
            }
            alice.send("HISTORY " + b + " 2");
            assertThat(alice.nextLine()).startsWith("MSG " + ids.get(3) + " ").endsWith(" message 4");
            assertThat(alice.nextLine()).startsWith("MSG " + ids.get(4) + " ").endsWith(" message 5");
            assertThat(alice.nextLine()).isEqualTo("OK HISTORY 2");
            alice.send("history " + b + " 10 BEFORE " + ids.get(3));
            for (int i = 0; i < 3; i++) {
                assertThat(alice.nextLine()).startsWith("MSG " + ids.get(i) + " ");
            }
            assertThat(alice.nextLine()).isEqualTo("OK HISTORY 3");
            assertThat(alice.command("HISTORY " + b + " before " + ids.get(0))).isEqualTo("OK HISTORY 0");
            assertThat(alice.command("HISTORY nobody-here")).startsWith("ERR NO_SUCH_USER ");
            assertThat(alice.command("HISTORY #not-mine")).startsWith("ERR NOT_IN_ROOM ");
            assertThat(alice.command("HISTORY " + b + " 0")).startsWith("ERR SYNTAX ");
            assertThat(alice.command("HISTORY " + b + " before")).startsWith("ERR SYNTAX ");
            // Pipelined behind a SEND still being stored: its reply first, then the history.
            alice.send("SEND " + b + " just now");
            alice.send("HISTORY " + b + " 1");
            assertThat(alice.nextLine()).startsWith("OK SENT " + b + " ");
            assertThat(alice.nextLine()).startsWith("MSG ").endsWith(" just now");
            assertThat(alice.nextLine()).isEqualTo("OK HISTORY 1");
        }
    }

    @Test
    void roomsAnnounceMembersReachOfflineOnesAndListThemSorted() {
        String room = "#" + TestClient.uniqueName("Room");
        try (TestClient alice = TestClient.connect(port); TestClient bob = TestClient.connect(port)) {
            String a = alice.registerAndLogin("alice");
            String b = bob.registerAndLogin("bob");
            assertThat(alice.command("JOIN " + room)).isEqualTo("OK JOINED " + room);
            assertThat(bob.command("JOIN " + room.toLowerCase())).isEqualTo("OK JOINED " + room);
            alice.awaitEvent("ROOM_JOINED " + room + " " + b);
            assertThat(alice.command("MEMBERS " + room)).isEqualTo("OK MEMBERS " + room + " 2 " + a + " " + b);
            assertThat(alice.command("ROOMS")).startsWith("OK ROOMS ").contains(" " + room + ":2");
            assertThat(bob.command("LOGOUT")).isEqualTo("OK LOGGED_OUT");
            String id = idOf(alice.command("SEND " + room + " while bob is away"));
            assertThat(bob.command("LOGIN " + b + " password1")).isEqualTo("OK LOGGED_IN " + b);
            assertThat(bob.awaitEvent(line -> line.startsWith("MSG " + id + " ")))
                    .endsWith(" " + a + " " + room + " while bob is away");
            assertThat(bob.command("LEAVE " + room)).isEqualTo("OK LEFT " + room);
            alice.awaitEvent("ROOM_LEFT " + room + " " + b);
            assertThat(bob.command("LEAVE " + room)).startsWith("ERR NOT_IN_ROOM ");
            assertThat(bob.command("SEND " + room + " hi")).startsWith("ERR NOT_IN_ROOM ");
            assertThat(bob.command("JOIN #bad/name")).startsWith("ERR INVALID_ROOM ");
            assertThat(bob.command("MEMBERS #no-such-room-here")).startsWith("ERR NO_SUCH_ROOM ");
        }
    }

    @Test
    void sessionsListsEveryDeviceOfTheUser() {
        try (TestClient phone = TestClient.connect(port); TestClient laptop = TestClient.connect(port)) {
            String alice = phone.registerAndLogin("alice");
            laptop.command("LOGIN " + alice + " password1 laptop");
            assertThat(phone.command("SESSIONS")).isEqualTo("OK SESSIONS 2 default@127.0.0.1 laptop@127.0.0.1 TOKENS 0");
        }
    }

    private static String idOf(String reply) {
        assertThat(reply).matches("OK (SENT|STORED) \\S+ \\S+");
        return reply.substring(reply.lastIndexOf(' ') + 1);
    }

    @Test
    void aNewDeviceGetsWhatNoOtherDeviceHasAcknowledgedWhateverThePrunesDid() {
        try (TestClient alice = TestClient.connect(port); TestClient laptop = TestClient.connect(port);
                TestClient phone = TestClient.connect(port)) {
            String aliceName = alice.registerAndLogin("sender");
            String bob = TestClient.uniqueName("owner");
            alice.command("REGISTER " + bob + " password1");
            String first = id(alice.command("SEND " + bob + " first"));
            String second = id(alice.command("SEND " + bob + " second"));
            alice.command("SEND " + bob + " third");
            assertThat(laptop.command("LOGIN " + bob + " password1 laptop")).startsWith("OK LOGGED_IN");
            assertThat(laptop.nextLine()).contains(first);
            assertThat(laptop.nextLine()).contains(second);
            assertThat(laptop.nextLine()).endsWith(" third");
            assertThat(laptop.command("ACK " + second)).isEqualTo("OK ACKED " + second);

            assertThat(phone.command("LOGIN " + bob + " password1 phone")).startsWith("OK LOGGED_IN");
            phone.send("PING replayed");
            assertThat(phone.nextLine()).endsWith(aliceName + " " + bob + " third");
            assertThat(phone.nextLine()).isEqualTo("OK PONG replayed");
        }
    }

    private static String id(String reply) {
        return reply.substring(reply.lastIndexOf(' ') + 1);
    }
}
