package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HelpCommandTest extends CommandTestSupport {

    @Test
    void listsEveryRegisteredKeywordSorted() {
        List<String> keywords = fixture.router.keywords();
        assertThat(keywords).hasSizeGreaterThan(10).isSorted().contains("SEND", "HELP");
        assertThat(fixture.run(fixture.newSession(), "HELP")).isEqualTo("OK HELP " + String.join(" ", keywords));
    }

    @Test
    void helpWithACommandGivesItsUsageAndOneSentenceForEveryCommandInAnyCase() {
        for (String keyword : fixture.router.keywords()) {
            CommandSpec spec = fixture.router.spec(keyword);
            assertThat(fixture.run(fixture.newSession(), "HELP " + keyword.toLowerCase(Locale.ROOT)))
                    .isEqualTo("OK HELP " + spec.usage() + ": " + spec.summary())
                    .matches("OK HELP " + keyword + "[^:]*: [A-Z][^.]*\\.");
        }
        assertThat(fixture.run(fixture.newSession(), "HELP NOPE")).startsWith("ERR UNKNOWN_COMMAND no command NOPE");
        assertThat(fixture.run(fixture.newSession(), "HELP SEND LOGIN")).startsWith("ERR SYNTAX usage: HELP [command]");
    }
}
