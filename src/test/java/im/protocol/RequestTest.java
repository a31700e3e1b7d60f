package im.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PING|PING|0",
            "ping|PING|0",
            "  Send   bob   hi  |SEND|2",
            "LOGIN alice secret device|LOGIN|3",
            "list_online|LIST_ONLINE|0"})
    void keywordsAreCaseInsensitiveAndArgumentsSplitOnRunsOfSpaces(String line, String keyword, int arguments) {
        Request request = Request.parse(line);
        assertThat(request.keyword()).isEqualTo(keyword);
        assertThat(request.argumentCount()).isEqualTo(arguments);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "     "})
    void aLineOfOnlySpacesIsNoRequest(String line) {
        assertThat(Request.parse(line)).isNull();
    }

    @Test
    void messageTextKeepsInnerSpacesButNotTheLinesTrailingOnes() {
        Request request = Request.parse("SEND  bob   hi  there,   bob!   ");
        assertThat(request.argument(0)).isEqualTo("bob");
        assertThat(request.textFrom(1)).isEqualTo("hi  there,   bob!");
    }

    @Test
    void argumentsKeepTheirCase() {
        Request request = Request.parse("register Alice PassWord1");
        assertThat(request.argument(0)).isEqualTo("Alice");
        assertThat(request.argument(1)).isEqualTo("PassWord1");
        assertThat(request.argumentOr(2, "default")).isEqualTo("default");
    }

    @Test
    void aMessageOfManyWordsIsKeptWhole() {
        String text = "word ".repeat(500).trim();
        Request request = Request.parse("SEND bob " + text);
        assertThat(request.textFrom(1)).isEqualTo(text);
        assertThat(request.argumentCount()).isGreaterThan(2);
    }

    @Test
    void tabsAndOtherCharactersArePartOfArguments() {
        Request request = Request.parse("PING a\tb");
        assertThat(request.argumentCount()).isEqualTo(1);
        assertThat(request.argument(0)).isEqualTo("a\tb");
    }

    @Test
    void aLastTokenOfOnlyOtherWhitespaceAfterManyWordsIsKept() {
        Request request = Request.parse("SEND " + "w ".repeat(70) + "\t");
        assertThat(request.argument(request.argumentCount() - 1)).endsWith("\t");
    }

    @Test
    void withATokenLimitTheLastTokenTakesTheRestOfTheLineAndItsInnerSpaces() {
        Request request = Request.parse("send  bob   hi  there,   bob!   ", keyword -> 3);
        assertThat(request.keyword()).isEqualTo("SEND");
        assertThat(request.argumentCount()).isEqualTo(2);
        assertThat(request.argument(0)).isEqualTo("bob");
        assertThat(request.argument(1)).isEqualTo("hi  there,   bob!");
        assertThat(request.textFrom(1)).isEqualTo("hi  there,   bob!");
    }

    @Test
    void theLimitIsAskedOfTheKeywordInUpperCaseAndLinesShorterThanItSplitWhole() {
        List<String> asked = new ArrayList<>();
        Request request = Request.parse("  history bob 20  ", keyword -> {
            asked.add(keyword);
            return 5;
        });
        assertThat(asked).containsExactly("HISTORY");
        assertThat(request.argumentCount()).isEqualTo(2);
        assertThat(request.argument(1)).isEqualTo("20");
        assertThat(Request.parse("   ", keyword -> 5)).isNull();
    }

    @Test
    void aLimitOfOneTokenKeepsTheKeywordAndNoArguments() {
        Request request = Request.parse("DANCE now please", keyword -> 1);
        assertThat(request.keyword()).isEqualTo("DANCE");
        assertThat(request.argumentCount()).isZero();
    }
}
