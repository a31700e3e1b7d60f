package im.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileAccountStoreTest {

    private static final Instant CREATED = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void createsAMissingFileAndItsFolder() throws Exception {
        Path file = dir.resolve("data/users.txt");
        try (UsersFileAccountStore store = new UsersFileAccountStore(file)) {
            assertThat(store.size()).isZero();
        }
        assertThat(file).exists();
    }

    @Test
    void anAddedAccountIsFoundInAnyCaseAndSurvivesReopening() throws Exception {
        Path file = dir.resolve("users.txt");
        try (UsersFileAccountStore store = new UsersFileAccountStore(file)) {
            assertThat(store.add(new Account("Alice", "{noop}x", CREATED))).isTrue();
            assertThat(store.find("ALICE")).map(Account::name).contains("Alice");
        }
        try (UsersFileAccountStore reopened = new UsersFileAccountStore(file)) {
            assertThat(reopened.find("alice")).contains(new Account("Alice", "{noop}x", CREATED));
        }
        assertThat(Files.readString(file)).isEqualTo("Alice {noop}x 2026-11-25T10:00:00Z\n");
    }

    @Test
    void aNameTakenInAnotherCaseIsRefusedAndNothingIsWritten() throws Exception {
        Path file = dir.resolve("users.txt");
        try (UsersFileAccountStore store = new UsersFileAccountStore(file)) {
            store.add(new Account("bob", "{noop}x", CREATED));
            assertThat(store.add(new Account("BOB", "{noop}y", CREATED))).isFalse();
        }
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void ofConcurrentRegistrationsOfOneNameExactlyOneWins() throws Exception {
        try (UsersFileAccountStore store = new UsersFileAccountStore(dir.resolve("users.txt"))) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String name = i % 2 == 0 ? "carol" : "Carol";
                attempts.add(() -> store.add(new Account(name, "{noop}x", CREATED)));
            }
            long winners = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                winners += result.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(winners).isOne();
        }
    }

    @Test
    void linesThatCannotBeParsedAreKeptInTheFileAndIgnored() throws Exception {
        Path file = dir.resolve("users.txt");
        String content = "# comment\nnot a valid line at all\nbad!name {noop}x 2026-11-25T10:00:00Z\n"
                + "dave {noop}x 2026-11-25T10:00:00Z\n";
        Files.writeString(file, content);
        try (UsersFileAccountStore store = new UsersFileAccountStore(file)) {
            assertThat(store.size()).isOne();
            store.add(new Account("erin", "{noop}x", CREATED));
        }
        assertThat(Files.readString(file)).startsWith(content).endsWith("erin {noop}x 2026-11-25T10:00:00Z\n");
    }

    @Test
    void aTornLastLineIsNotLoadedItsNameStaysReservedAndLaterLinesStayWhole() throws Exception {
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "dave {noop}x 2026-11-25T10:00:00Z\nfrank {noop}half-writ", StandardCharsets.UTF_8);
        try (UsersFileAccountStore store = new UsersFileAccountStore(file)) {
            assertThat(store.find("frank")).isEmpty();
            assertThat(store.exists("FRANK")).as("reserved until the line is repaired").isTrue();
            assertThat(store.add(new Account("frank", "{noop}y", CREATED))).isFalse();
            assertThat(store.add(new Account("gus", "{noop}y", CREATED))).isTrue();
        }
        try (UsersFileAccountStore reopened = new UsersFileAccountStore(file)) {
            assertThat(reopened.reservedNames()).containsExactly("frank");
            assertThat(reopened.size()).isEqualTo(2);
        }
        assertThat(Files.readAllLines(file)).containsExactly("dave {noop}x 2026-11-25T10:00:00Z",
                "frank {noop}half-writ", "gus {noop}y 2026-11-25T10:00:00Z");
    }

    @Test
    void aLineWithABytesThatIsNotUtf8IsKeptAndReservesItsNameAndEveryOtherLineLoads() throws Exception {
        Path file = dir.resolve("users.txt");
        byte[] content = ("# a comment with a bad byte: \u00ff\n"
                + "carol {noop}x\u00e4 2026-11-25T10:00:00Z\n"
                + "dave {noop}y 2026-11-25T10:00:00Z\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, content);
        try (UsersFileAccountStore store = new UsersFileAccountStore(file)) {
            assertThat(store.find("dave")).isPresent();
            assertThat(store.find("carol")).isEmpty();
            assertThat(store.exists("carol")).isTrue();
            assertThat(store.add(new Account("carol", "{noop}stranger", CREATED))).isFalse();
        }
        assertThat(Files.readAllBytes(file)).as("kept as it was").isEqualTo(content);
    }

    @Test
    void aLookAlikeOfANameFindsNothing() throws Exception {
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "karl {noop}x 2026-11-25T10:00:00Z\n");
        try (UsersFileAccountStore store = new UsersFileAccountStore(file)) {
            assertThat(store.find("KARL")).isPresent();
            assertThat(store.find("\u212Aarl")).as("the Kelvin sign").isEmpty();
            assertThat(store.exists("\u212Aarl")).isFalse();
        }
    }

    @Test
    void aLaterLineForANameIsANewPasswordUnderTheFirstName() throws Exception {
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "gina {noop}first 2026-11-25T10:00:00Z\nGINA {noop}second 2026-11-26T10:00:00Z\n");
        try (UsersFileAccountStore store = new UsersFileAccountStore(file)) {
            assertThat(store.find("GINA")).contains(
                    new Account("gina", "{noop}second", Instant.parse("2026-11-25T10:00:00Z")));
        }
    }

    @Test
    void anUpdateIsDurableAndWinsAfterReopening() throws Exception {
        Path file = dir.resolve("users.txt");
        Instant created = Instant.parse("2026-11-25T10:00:00Z");
        try (UsersFileAccountStore store = new UsersFileAccountStore(file)) {
            store.add(new Account("hugo", "{noop}old", created));
            store.update(new Account("hugo", "{noop}new", created));
        }
        try (UsersFileAccountStore reopened = new UsersFileAccountStore(file)) {
            assertThat(reopened.find("hugo")).map(Account::passwordHash).contains("{noop}new");
            assertThat(reopened.size()).isEqualTo(1);
        }
    }
}
