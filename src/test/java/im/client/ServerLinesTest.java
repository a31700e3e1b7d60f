package im.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the client shows the server's lines: in words, and never with a control character in them. */
class ServerLinesTest {

    @Test
    void escapeSequencesAndCarriageReturnsAreShownAsVisibleStandIns() {
        String line = "MSG 1a 2026-12-04T10:00:00Z mallory alice \u001b]0;owned\u0007\rMSG forged \u009b2J";
        assertThat(ServerLines.readable(line)).endsWith("mallory -> alice: ^[]0;owned^G^MMSG forged <U+009B>2J")
                .doesNotContain("\u001b", "\r", "\u0007", "\u009b");
        assertThat(ServerLines.harmless("del\u007f")).isEqualTo("del^?");
    }

    @Test
    void ordinaryTextIsShownAsItIs() {
        String text = "tab\tand caf\u00e9 \ud83d\ude00";
        assertThat(ServerLines.harmless(text)).isSameAs(text);
    }
}
