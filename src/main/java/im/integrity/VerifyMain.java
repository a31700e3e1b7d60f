package im.integrity;

import im.auth.UsersFileAccountStore;
import im.inbox.store.DamagedStretch;
import im.inbox.store.DatabaseCheck;
import im.inbox.store.MessageFilesCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code java -jar im-server.jar verify [options]}: checks the users file and the message files offline. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Reads the users file, every message file and the SQLite database and lists what cannot "
                + "be read, changing nothing. Exit code 0 when all is sound, 1 when something is damaged. A damaged stretch of a "
                + "message file is skipped (and copied to its quarantine folder) at the server's next start; a "
                + "damaged users line is kept and its name stays reserved until it is repaired.")
public final class VerifyMain implements Callable<Integer> {

    @Option(names = "--users", defaultValue = "users.txt", description = "the users file (${DEFAULT-VALUE})")
    Path users;

    @Option(names = "--inbox", defaultValue = "data/inbox", description = "the message files' folder (${DEFAULT-VALUE})")
    Path inbox;

    @Option(names = "--database", defaultValue = "data/im.db",
            description = "the SQLite database of rooms and device cursors (${DEFAULT-VALUE})")
    Path database;

    public static int run(String... args) {
        return new CommandLine(new VerifyMain()).execute(args);
    }

    @Override
    public Integer call() throws IOException {
        boolean sound = true;
        if (Files.exists(users)) {
            List<String> problems = UsersFileAccountStore.problemsOf(users);
            System.out.println(users + ": " + (problems.isEmpty() ? "sound" : problems.size() + " lines cannot be read"));
            problems.forEach(problem -> System.out.println("  " + problem));
            sound = problems.isEmpty();
        } else {
            System.out.println(users + ": missing");
        }
        if (Files.isDirectory(inbox)) {
            MessageFilesCheck.Report report = MessageFilesCheck.check(inbox);
            System.out.println(inbox + ": " + report.segments() + " files, " + report.records() + " whole records, "
                    + report.damaged().size() + " damaged stretches");
            for (DamagedStretch stretch : report.damaged()) {
                System.out.println("  " + stretch.file() + " byte " + stretch.from() + ", " + stretch.bytes()
                        + " bytes: the " + stretch.lost() + " that they held are lost");
            }
            sound &= report.damaged().isEmpty();
        } else {
            System.out.println(inbox + ": no such folder (messages in the database, or none yet)");
        }
        if (Files.exists(database)) {
            List<String> problems = DatabaseCheck.problems(database, inbox);
            System.out.println(database + ": " + (problems.isEmpty() ? "sound" : problems.size() + " problems"));
            problems.forEach(problem -> System.out.println("  " + problem));
            sound &= problems.isEmpty();
        } else {
            System.out.println(database + ": no such file (PostgreSQL, or none yet)");
        }
        System.out.println(sound ? "verify: sound" : "verify: damage found");
        return sound ? 0 : 1;
    }
}
