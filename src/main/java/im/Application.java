package im;

import im.bench.BenchMain;
import im.client.ClientMain;
import im.cluster.ImportUsersMain;
import im.fuzz.FuzzMain;
import im.integrity.VerifyMain;
import im.process.ExitOnSignal;
import im.settings.SettingsGivenOnce;
import im.transport.web.WebSocketBuffers;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the server; with a first argument {@code client} the CLI client, with {@code bench} the
 * load generator, with {@code fuzz} the fuzzer, with {@code verify} the offline check of the
 * users file and message files, with {@code import-users} the copy of a users file into a
 * cluster's database (all five without Spring).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    private static final Set<String> SUBCOMMANDS = Set.of("client", "bench", "fuzz", "verify", "import-users");

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            System.out.println(Usage.TEXT);
            System.exit(0);
        }
        if (args.length > 0 && !args[0].startsWith("-") && !SUBCOMMANDS.contains(args[0])) {
            System.err.println("im-server: no command '" + args[0] + "'\n\n" + Usage.TEXT);
            System.exit(2);
        }
        if (args.length > 0 && args[0].equals("client")) {
            System.exit(ClientMain.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(BenchMain.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("fuzz")) {
            System.exit(FuzzMain.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("verify")) {
            System.exit(VerifyMain.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("import-users")) {
            System.exit(ImportUsersMain.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Optional<String> twice = SettingsGivenOnce.duplicate(args);
        if (twice.isPresent()) {
            System.err.println("im-server: " + twice.get());
            System.exit(2);
        }
        ExitOnSignal.install();
        WebSocketBuffers.beforeStart();
        SpringApplication.run(Application.class, args);
    }
}
