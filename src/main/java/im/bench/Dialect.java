package im.bench;

import java.util.List;

/** What the load generator needs to know of a protocol: how to log in, send, and see a delivery. */
interface Dialect {

    /** Lines that create (if needed) and log in a user. */
    List<String> logIn(String user, String password);

    /** How many {@link #isSetupStep} lines end a connection's setup. */
    int setupSteps();

    boolean isSetupStep(String line);

    /** A setup step that went wrong (registration taken is fine). */
    boolean isSetupFailure(String line);

    String send(String target, String text);

    /** The text of a delivered message, or null when the line is something else. */
    String deliveredText(String line);

    /**
     * The line that tells the server a client has a delivered message and every one before it
     * (im/1's inbox cursor), or null where the protocol has none.
     */
    String acknowledge(String deliveredLine);

    /** The sender's name in a delivered message. */
    String deliveredFrom(String line);

    /** True for the server's acknowledgement of a send (im/1 only). */
    boolean isAck(String line);

    /** True for a refusal of a send, or any error or disconnect notice. */
    boolean isError(String line);

    /** True for the notice that a user went offline ({@link #announcesLeaving} protocols only). */
    default boolean isLeft(String line) {
        return false;
    }

    /** Whether a logged-in client hears of every user going offline (im/1's LEFT; not IRC's). */
    default boolean announcesLeaving() {
        return false;
    }

    /** A line to answer a keep-alive probe with, or null. */
    String keepAliveAnswer(String line);

    static Dialect named(String name) {
        return switch (name) {
            case "im" -> new Im1Dialect();
            case "irc" -> new IrcDialect();
            default -> throw new IllegalArgumentException("no protocol " + name + " (im or irc)");
        };
    }
}
