package im.process;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into exit code 0. The JVM's own handler would run the same
 * shutdown hooks (Spring's closes the context, saying BYE to every client) but exit 143,
 * which service managers and our contract read as a failure. Installed before the context
 * starts, so that a signal during startup is handled the same way.
 */
public final class ExitOnSignal {

    private ExitOnSignal() {
    }

    public static void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> new Thread(() -> System.exit(0), "im-exit").start());
        }
    }
}
