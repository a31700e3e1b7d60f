package im.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule for a message's text: what passes, what is refused and with which code. */
class MessageTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"hello", "tab\tseparated", "caf\u00e9 \u4e2d\u6587 \ud83d\ude00", "\u00a0non-breaking"})
    void ordinaryTextPasses(String text) {
        assertThatCode(() -> MessageText.check(text, 2000, 3968)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u001b]0;pwned\u0007", "clear\u001b[2J", "forged\rMSG 1 2026 root you hi", "bell\u0007",
            "nul\u0000", "del\u007f", "csi\u009b2J", "next\u0085line", "line\u2028separator", "para\u2029graph"})
    void controlCharactersAndLineBreaksAreRefused(String text) {
        assertThatThrownBy(() -> MessageText.check(text, 2000, 3968)).isInstanceOfSatisfying(RequestRejected.class,
                rejected -> assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_TEXT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xxxxxxxxxxx", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"})
    void aTextOverTheCharactersOrTheBytesIsTooLong(String text) {
        // Eleven characters; ten characters of two bytes each.
        assertThatThrownBy(() -> MessageText.check(text, 10, 19)).isInstanceOfSatisfying(RequestRejected.class,
                rejected -> assertThat(rejected.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LONG));
    }
}
