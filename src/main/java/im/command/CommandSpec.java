package im.command;

import java.util.Locale;

/**
 * What the router needs to know of a command before running it.
 *
 * @param keyword the command word, upper case
 * @param usage the syntax line shown in {@code ERR SYNTAX}, starting with the keyword
 * @param summary what the command does, in one sentence, for {@code HELP <command>}
 * @param minArguments arguments required after the keyword
 * @param maxArguments arguments allowed; {@link #REST_OF_LINE} when the last one is free text
 * @param requiresLogin whether the connection must be logged in
 * @param neverBlocks whether it never blocks (no hashing, no disk reads, no waiting) and answers
 *     with a single line or a later reply: it may then run on the thread that read its line
 */
public record CommandSpec(String keyword, String usage, String summary, int minArguments, int maxArguments,
        boolean requiresLogin, boolean neverBlocks) {

    public static final int REST_OF_LINE = Integer.MAX_VALUE;

    public CommandSpec {
        if (!keyword.equals(keyword.toUpperCase(Locale.ROOT)) || !usage.startsWith(keyword)) {
            throw new IllegalArgumentException("Bad command spec for " + keyword + ": " + usage);
        }
    }

    public static CommandSpec anyone(String keyword, String usage, int min, int max) {
        return new CommandSpec(keyword, usage, "", min, max, false, false);
    }

    public static CommandSpec loggedIn(String keyword, String usage, int min, int max) {
        return new CommandSpec(keyword, usage, "", min, max, true, false);
    }

    /** The same command, marked as one that never blocks (see {@code neverBlocks}). */
    public CommandSpec neverBlocking() {
        return new CommandSpec(keyword, usage, summary, minArguments, maxArguments, requiresLogin, true);
    }

    /** The same command with its one-sentence summary; the router refuses a command without one. */
    public CommandSpec saying(String sentence) {
        return new CommandSpec(keyword, usage, sentence, minArguments, maxArguments, requiresLogin, neverBlocks);
    }
}
