package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any line at all, through the real router and handlers (logged in and not): no exception
 * escapes, a blank line gets no reply, every other line exactly one {@code OK} or {@code ERR}
 * line without a line break.
 */
class CommandParsingPropertyTest {

    private static Path dir;
    private static CommandFixture fixture;
    private static Session loggedIn;

    @BeforeContainer
    static void startServices() throws Exception {
        dir = Files.createTempDirectory("im-properties");
        fixture = new CommandFixture(dir);
        loggedIn = fixture.loggedIn("prop");
        fixture.loggedIn("other");
    }

    @AfterContainer
    static void removeFiles() throws Exception {
        fixture.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Property(tries = 3000)
    void everyLineGetsExactlyOneWellFormedAnswer(@ForAll("lines") String line) {
        Session session = line.hashCode() % 2 == 0 ? loggedIn : fixture.newSession();
        // A SEND's reply is later: what it turns out to be once the message is stored (or not).
        Reply.Line reply = CommandFixture.lineOf(fixture.router.handle(session, line));
        if (line.strip().isEmpty() && line.chars().allMatch(c -> c == ' ')) {
            assertThat(reply).isNull();
        } else {
            assertThat(reply.line()).matches("(?s)(OK|ERR) [A-Z_]+.*").doesNotContain("\n");
            if (reply.line().startsWith("ERR")) {
                assertThat(reply.line()).doesNotContainPattern("[\\p{Cc}\\u2028\\u2029]");
            }
        }
    }

    @Property(tries = 3000)
    void parsingKeepsTheWordsAndTheTextExactly(@ForAll("lines") String line) {
        Request request = Request.parse(line);
        if (line.chars().allMatch(c -> c == ' ')) {
            assertThat(request).isNull();
            return;
        }
        assertThat(request.keyword()).isEqualTo(request.keyword().toUpperCase(java.util.Locale.ROOT)).doesNotContain(" ");
        for (int i = 0; i < request.argumentCount(); i++) {
            assertThat(request.argument(i)).isNotEmpty().doesNotStartWith(" ").doesNotEndWith(" ");
        }
    }

    @Property(tries = 3000)
    void aTokenLimitKeepsTheSameWordsAndTheSameText(@ForAll("lines") String line) {
        Request whole = Request.parse(line);
        Request limited = Request.parse(line, keyword -> 3);
        if (whole == null) {
            assertThat(limited).isNull();
            return;
        }
        assertThat(limited.keyword()).isEqualTo(whole.keyword());
        assertThat(limited.argumentCount()).isEqualTo(Math.min(whole.argumentCount(), 2));
        if (whole.argumentCount() >= 2) {
            assertThat(limited.argument(0)).isEqualTo(whole.argument(0));
            assertThat(limited.textFrom(1)).isEqualTo(whole.textFrom(1));
        }
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> keyword = Arbitraries.of("SEND", "send", "LOGIN", "REGISTER", "PASSWD", "PING", "HELP",
                "LIST_ONLINE", "LOGOUT", "QUIT", "BOGUS", "");
        // Anything but the line feed, which framing never lets into a line.
        Arbitrary<String> noise = Arbitraries.strings().withCharRange('\u0000', '\u0009').withCharRange('\u000b', '\u00ff')
                .withChars('\ufffd', '\u202e', '\ud83d', '\ude00', ' ', ' ').ofMaxLength(80);
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of("prop", "other", "PROP", "nobody", "password1",
                "#room"), Arbitraries.strings().alpha().ofMaxLength(40));
        return Arbitraries.oneOf(noise,
                net.jqwik.api.Combinators.combine(keyword, word.list().ofMaxSize(4), noise)
                        .as((k, words, rest) -> k + " " + String.join(" ", words) + " " + rest));
    }
}
