package im.system;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly close of the context followed by exit code 0.
 * The JVM's own handler would run the same shutdown hooks but exit 143, which service
 * managers and our contract read as a failure.
 */
public final class ExitOnSignal {

    private ExitOnSignal() {
    }

    public static void install(ConfigurableApplicationContext context) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                Thread exit = new Thread(() -> System.exit(SpringApplication.exit(context)), "im-exit");
                exit.start();
            });
        }
    }
}
