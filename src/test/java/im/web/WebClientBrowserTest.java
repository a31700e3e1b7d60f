package im.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.testing.ServerProcess;
import im.testing.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;

/**
 * The web client in a real headless Chromium against the server in its own JVM: what a person
 * does in it, and a terminal user on the other end.
 */
class WebClientBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path serverDir;

    @TempDir
    Path profiles;

    private static ServerProcess server;
    private final java.util.List<Browser> browsers = new java.util.ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = ServerProcess.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
    }

    private Browser browser() {
        return browser(1100, 750);
    }

    private Browser browser(int width, int height) {
        Browser browser = new Browser(profiles.resolve("profile" + browsers.size()), width, height);
        browsers.add(browser);
        browser.open("http://127.0.0.1:" + server.webPort() + "/");
        return browser;
    }

    /** Registers and logs in through the form; returns the name. */
    private static String register(Browser browser, String base) {
        String name = TestClient.uniqueName(base);
        browser.field("User name").sendKeys(name);
        browser.field("Password").sendKeys("password1");
        browser.button("Register").click();
        await().atMost(WAIT).until(() -> browser.text("me").equals(name));
        return name;
    }

    private static TestClient terminal(String name) {
        TestClient client = TestClient.connect(server.port());
        client.command("REGISTER " + name + " password1");
        assertThat(client.command("LOGIN " + name + " password1")).isEqualTo("OK LOGGED_IN " + name);
        return client;
    }

    private static void send(Browser browser, String text) {
        browser.field("Message").sendKeys(text, Keys.ENTER);
    }

    private static void awaitMessage(Browser browser, String text) {
        await().atMost(WAIT).until(() -> browser.messages().stream().anyMatch(m -> m.endsWith(text)));
    }

    @Test
    void registerShowsTheChatAndAWrongPasswordIsShownByTheForm() {
        Browser browser = browser();
        String name = register(browser, "reg");
        browser.button("Log out").click();
        browser.field("User name").clear();
        browser.field("User name").sendKeys(name);
        browser.field("Password").sendKeys("wrongpassword", Keys.ENTER);
        await().atMost(WAIT).until(() -> browser.text("login-error").equals("wrong user name or password"));
        assertThat(browser.isShown("login-view")).isTrue();
        browser.field("Password").clear();
        browser.field("Password").sendKeys("password1");
        browser.button("Log in").click();
        await().atMost(WAIT).until(() -> browser.isShown("chat-view") && browser.text("me").equals(name));
    }

    @Test
    void presenceIsLiveAndTwoBrowsersMessageEachOther() {
        Browser ann = browser();
        String annName = register(ann, "ann");
        Browser ben = browser();
        String benName = register(ben, "ben");
        await().atMost(WAIT).until(() -> ann.list("Online").contains(benName));
        ann.select("Online", benName);
        send(ann, "hi ben");
        await().atMost(WAIT).until(() -> ann.messages().stream().anyMatch(m -> m.contains("sent") && m.endsWith("hi ben")));
        await().atMost(WAIT).until(() -> ben.list("Conversations").contains(annName + " 1"));
        assertThat(ben.title()).isEqualTo("(1) im");
        ben.select("Conversations", annName);
        awaitMessage(ben, "hi ben");
        send(ben, "hi ann");
        awaitMessage(ann, "hi ann");
        ben.button("Log out").click();
        await().atMost(WAIT).until(() -> !ann.list("Online").contains(benName));
    }

    @Test
    void aRoomCarriesMessagesToEveryMemberAndListsThem() {
        Browser ann = browser();
        String annName = register(ann, "rann");
        Browser ben = browser();
        String benName = register(ben, "rben");
        String room = "#" + TestClient.uniqueName("room");
        for (Browser b : List.of(ann, ben)) {
            b.field("Room").sendKeys(room, Keys.ENTER);
            await().atMost(WAIT).until(() -> b.text("peer").equalsIgnoreCase(room));
        }
        send(ann, "hello room");
        awaitMessage(ben, "hello room");
        ben.button("Members").click();
        await().atMost(WAIT).until(() -> ben.text("members").contains(annName) && ben.text("members").contains(benName));
        ben.button("Leave room").click();
        await().atMost(WAIT).until(() -> ben.list("Conversations").stream().noneMatch(c -> c.startsWith(room)));
    }

    @Test
    void aTerminalUserAndABrowserUserTalk() {
        Browser browser = browser();
        String webName = register(browser, "webt");
        String termName = TestClient.uniqueName("term");
        try (TestClient term = terminal(termName)) {
            await().atMost(WAIT).until(() -> browser.list("Online").contains(termName));
            assertThat(term.command("SEND " + webName + " hello from the terminal")).startsWith("OK SENT ");
            browser.select("Conversations", termName);
            awaitMessage(browser, "hello from the terminal");
            send(browser, "hello from the browser");
            assertThat(term.awaitEvent(line -> line.startsWith("MSG "))).endsWith(" hello from the browser");
            browser.screenshot(Path.of("target", "web-client.png"));
        }
    }

    @Test
    void aMessageSentWhileAwayArrivesAtTheNextLoginWithItsUnreadCount() {
        Browser browser = browser();
        String webName = register(browser, "away");
        browser.button("Log out").click();
        String termName = TestClient.uniqueName("sender");
        try (TestClient term = terminal(termName)) {
            assertThat(term.command("SEND " + webName + " while you were away")).startsWith("OK STORED ");
        }
        browser.field("User name").clear();
        browser.field("User name").sendKeys(webName);
        browser.field("Password").sendKeys("password1", Keys.ENTER);
        await().atMost(WAIT).until(() -> browser.list("Conversations").contains(termName + " 1"));
        browser.select("Conversations", termName);
        awaitMessage(browser, "while you were away");
        assertThat(browser.messages()).hasSize(1);
    }

    @Test
    void aReloadResumesWithoutThePasswordAndShowsNothingTwice() {
        Browser browser = browser();
        String webName = register(browser, "reload");
        String termName = TestClient.uniqueName("peer");
        try (TestClient term = terminal(termName)) {
            term.command("SEND " + webName + " before the reload");
            browser.select("Conversations", termName);
            awaitMessage(browser, "before the reload");
            browser.reload();
            await().atMost(WAIT).until(() -> browser.isShown("chat-view") && browser.text("me").equals(webName));
            assertThat(browser.isShown("login-view")).isFalse();
            assertThat((String) browser.script("return JSON.stringify(localStorage)")).doesNotContain("password1");
            browser.select("Conversations", termName);
            awaitMessage(browser, "before the reload");
            assertThat(browser.messages()).hasSize(1);
        }
    }

    @Test
    void historyLoadsWhenScrollingUp() {
        String webName = TestClient.uniqueName("hist");
        String termName = TestClient.uniqueName("talker");
        try (TestClient phone = terminal(webName); TestClient term = terminal(termName)) {
            String last = null;
            for (int i = 1; i <= 120; i++) {
                last = term.command("SEND " + webName + " line " + i);
            }
            // The user's phone has read them all: the browser's first login replays none, its history has them.
            phone.command("ACK " + last.split(" ")[3]);
            Browser browser = browser();
            browser.field("User name").sendKeys(webName);
            browser.field("Password").sendKeys("password1", Keys.ENTER);
            browser.select("Online", termName);
            await().atMost(WAIT).until(() -> browser.messages().size() == 50);
            assertThat(browser.messages().get(49)).endsWith("line 120");
            for (int shown : new int[] {100, 120}) {
                browser.script("document.querySelector('[role=log]').scrollTop = 0");
                await().atMost(WAIT).until(() -> browser.messages().size() == shown);
            }
            assertThat(browser.messages().get(0)).endsWith("line 1");
            assertThat(browser.messages().stream().distinct().count()).isEqualTo(120);
        }
    }

    @Test
    void htmlInAMessageIsShownAsTextAndRunsNothing() {
        Browser browser = browser();
        String webName = register(browser, "safe");
        String termName = TestClient.uniqueName("mallory");
        String attack = "<img src=x onerror=\"document.title='pwned'\"><script>window.pwned=1</script><b>bold</b>";
        try (TestClient term = terminal(termName)) {
            term.command("SEND " + webName + " " + attack);
            browser.select("Conversations", termName);
            awaitMessage(browser, attack);
            assertThat(browser.script("return document.querySelectorAll('[role=log] img, [role=log] script, [role=log] b').length"))
                    .isEqualTo(0L);
            assertThat(browser.script("return window.pwned === undefined")).isEqualTo(true);
            assertThat(browser.title()).doesNotContain("pwned");
        }
    }

    @Test
    void onAPhoneWidthScreenTheListAndTheConversationTakeTurns() {
        Browser phone = browser(390, 800);
        String webName = register(phone, "phone");
        try (TestClient term = terminal(TestClient.uniqueName("caller"))) {
            term.command("SEND " + webName + " small screen");
            phone.select("Conversations", "caller");
            awaitMessage(phone, "small screen");
            assertThat(phone.isShown("conversations")).isFalse();
            phone.button("Back to conversations").click();
            await().atMost(WAIT).until(() -> phone.isShown("conversations"));
        }
    }

    @Test
    void aServerRestartIsRiddenOutWithNothingLostOrDoubled(@TempDir Path dir) throws Exception {
        int webPort = ServerProcess.freePort();
        ServerProcess first = ServerProcess.start(dir, "--server.port=" + webPort);
        Browser browser = new Browser(profiles.resolve("restart"), 1100, 750);
        browsers.add(browser);
        browser.open("http://127.0.0.1:" + webPort + "/");
        String webName = register(browser, "steady");
        String termName = TestClient.uniqueName("friend");
        try (TestClient term = TestClient.connect(first.port())) {
            term.command("REGISTER " + termName + " password1");
            term.command("LOGIN " + termName + " password1");
            term.command("SEND " + webName + " before the restart");
        }
        Browser b = browser;
        b.select("Conversations", termName);
        awaitMessage(b, "before the restart");
        first.process().destroy();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> b.text("status").contains("offline"));
        try (ServerProcess second = ServerProcess.start(dir, "--server.port=" + webPort);
                TestClient term = TestClient.connect(second.port())) {
            term.command("LOGIN " + termName + " password1");
            assertThat(term.command("SEND " + webName + " after the restart")).startsWith("OK ");
            await().atMost(Duration.ofSeconds(40)).until(() -> b.text("status").equals("online"));
            awaitMessage(b, "after the restart");
            send(b, "still here");
            assertThat(term.awaitEvent(line -> line.startsWith("MSG "))).endsWith(" still here");
            await().atMost(WAIT).until(() -> b.messages().stream().anyMatch(m -> m.contains("sent") && m.endsWith("still here")));
            assertThat(b.messages()).hasSize(3);
        }
    }
}
