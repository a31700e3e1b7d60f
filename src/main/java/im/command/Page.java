package im.command;

import im.protocol.ErrorCode;
import im.protocol.Request;
import im.protocol.RequestRejected;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One page of a sorted list reply ({@code LIST_ONLINE}, {@code MEMBERS}, {@code ROOMS}): at most
 * so many entries, those after the one named by {@code after <name>}, so that no reply line is
 * longer than the line limit and no reply outgrows a client's outbound queue. A reply that lists
 * a full page may have more after it.
 */
final class Page {

    /** Names of up to 32 characters: a page of them stays under 3.5 KB. */
    static final int NAMES = 100;
    /** {@code #room:<members>} entries are up to 40 characters. */
    static final int ROOMS = 64;

    private Page() {
    }

    /**
     * The entries after {@code after} (compared ignoring case by {@code keyOf}), at most
     * {@code size}; all from the start when {@code after} is null.
     */
    static List<String> of(List<String> sorted, Function<String, String> keyOf, String after, int size) {
        int from = 0;
        if (after != null) {
            String afterKey = after.toLowerCase(Locale.ROOT);
            while (from < sorted.size() && keyOf.apply(sorted.get(from)).toLowerCase(Locale.ROOT).compareTo(afterKey) <= 0) {
                from++;
            }
        }
        return sorted.subList(from, Math.min(sorted.size(), from + size));
    }

    /** The name after {@code after} at argument {@code at}, or null without one; SYNTAX for anything else. */
    static String after(Request request, int at, String usage) {
        if (request.argumentCount() == at) {
            return null;
        }
        if (request.argumentCount() != at + 2 || !request.argument(at).equalsIgnoreCase("after")) {
            throw new RequestRejected(ErrorCode.SYNTAX, "usage: " + usage);
        }
        return request.argument(at + 1);
    }
}
