package im.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What the interactive client shows for the server's lines. */
class ConversationViewTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    private final ConversationView view = new ConversationView(NOON, false);

    @Test
    void ownMessagesShowAsSentOrStoredWithoutTheirIds() {
        assertThat(view.show("OK SENT bob gr3k9x2ab1", "SEND bob hi there")).isEqualTo("[12:00:00] you -> bob: hi there (sent)");
        assertThat(view.show("OK STORED carol gr3k9x2ab2", "send carol later"))
                .isEqualTo("[12:00:00] you -> carol: later (stored for later)");
        assertThat(view.show("OK SENT #team gr3k9x2ab3", "SEND #team standup")).isEqualTo(
                "[12:00:00] you -> #team: standup (sent)");
    }

    @Test
    void messagesFromTodayShowTheirTimeAndOlderOnesTheirDateToo() {
        assertThat(view.show("MSG 1a 2026-12-04T10:15:04.002Z bob alice hi", null)).isEqualTo("[10:15:04] bob -> alice: hi");
        assertThat(view.show("MSG 1b 2026-11-30T09:00:00.000Z bob alice old", null))
                .isEqualTo("[2026-11-30 09:00:00] bob -> alice: old");
    }

    @Test
    void errorsReadAsSentencesAndIdsShowOnlyWhenAskedFor() {
        assertThat(view.show("ERR NO_SUCH_USER no such user: bobb", "SEND bobb hi")).isEqualTo("! no such user: bobb");
        ConversationView withIds = new ConversationView(NOON, true);
        assertThat(withIds.show("ERR NO_SUCH_USER no such user: bobb", "SEND bobb hi"))
                .isEqualTo("! no such user: bobb (NO_SUCH_USER)");
        assertThat(withIds.show("MSG 1a 2026-12-04T10:15:04.002Z bob alice hi", null)).endsWith("(1a)");
    }

    @Test
    void repliesReadAsWordsAndTheNamesSeenAreRemembered() {
        assertThat(view.show("OK ONLINE 3 alice bob carol", "LIST_ONLINE")).isEqualTo("* online: alice, bob, carol");
        assertThat(view.show("OK ROOMS 2 #chat:3 #team:1", "ROOMS")).isEqualTo("* rooms: #chat (3), #team (1)");
        assertThat(view.show("OK LOGGED_IN alice", "LOGIN alice s3cret")).isEqualTo("* logged in as alice");
        view.show("JOINED dave", null);
        assertThat(view.users()).containsExactlyInAnyOrder("alice", "bob", "carol", "dave");
        assertThat(view.rooms()).containsExactlyInAnyOrder("#chat", "#team");
    }

    @Test
    void controlCharactersInAnyLineAreShownHarmlessly() {
        assertThat(view.show("MSG 1a 2026-12-04T10:15:04.002Z eve alice \u001b[2J", null)).endsWith("eve -> alice: ^[[2J");
    }
}
