package im.fuzz;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar im-server.jar fuzz [options]}: random and mutated lines at a running server. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Sends random and mutated im/1 lines over several connections while a probe checks that "
                + "the server keeps answering; exit code 0 if it always did. Run it against a server with the "
                + "abuse limits off (--im.throttle.enabled=false), or the command rate limit answers most lines.")
public final class FuzzMain implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "server host (${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "5001", description = "server port (${DEFAULT-VALUE})")
    int port;

    @Option(names = "--connections", defaultValue = "8", description = "fuzzing connections (${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--lines", defaultValue = "1000000", description = "lines to send in all (${DEFAULT-VALUE})")
    long lines;

    @Option(names = "--seed", defaultValue = "1", description = "random seed, to repeat a run (${DEFAULT-VALUE})")
    long seed;

    public static int run(String... args) {
        return new CommandLine(new FuzzMain()).execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        Fuzzer.Result result = new Fuzzer(host, port, connections, lines, seed).run();
        System.out.println(result);
        return result.passed() ? 0 : 1;
    }
}
