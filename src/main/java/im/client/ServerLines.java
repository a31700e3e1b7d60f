package im.client;

import im.protocol.MessageText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads the server's lines for people: replies as they are, events in plain words. */
final class ServerLines {

    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private ServerLines() {
    }

    static boolean isReply(String line) {
        return line.startsWith("OK ") || line.equals("OK") || line.startsWith("ERR ");
    }

    static String readable(String line) {
        return harmless(words(line));
    }

    /**
     * The line with every control character shown as a visible stand-in ({@code ^[} for escape,
     * {@code <U+009B>} for the others), so that no text from another user can move the cursor,
     * retitle the window or forge a line on this terminal.
     */
    static String harmless(String line) {
        StringBuilder shown = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean control = MessageText.isControl(c);
            if (control && shown == null) {
                shown = new StringBuilder(line.length() + 8).append(line, 0, i);
            }
            if (shown != null) {
                if (!control) {
                    shown.append(c);
                } else if (c < 0x20 || c == 0x7F) {
                    shown.append('^').append((char) (c ^ 0x40));
                } else {
                    shown.append(String.format("<U+%04X>", (int) c));
                }
            }
        }
        return shown == null ? line : shown.toString();
    }

    private static String words(String line) {
        String[] parts = line.split(" ", 6);
        switch (parts[0]) {
            case "MSG":
                return parts.length == 6 ? "[" + localTime(parts[2]) + "] " + parts[3] + " -> " + parts[4] + ": "
                        + parts[5] : line;
            case "JOINED":
                return "* " + rest(line) + " is online";
            case "LEFT":
                return "* " + rest(line) + " went offline";
            case "ROOM_JOINED":
                return parts.length == 3 ? "* " + parts[2] + " joined " + parts[1] : line;
            case "ROOM_LEFT":
                return parts.length == 3 ? "* " + parts[2] + " left " + parts[1] : line;
            case "HELLO":
                return "* connected to " + (parts.length > 2 ? parts[2] : "server") + " (" + rest(line)
                        + "); type HELP for commands, QUIT or Ctrl-D to leave";
            case "DROPPED":
                return parts.length == 3 ? "* " + parts[1] + " unread messages from " + parts[2]
                        + " were dropped: your inbox was full" : line;
            case "BYE":
                return "* server closing the connection: " + rest(line);
            default:
                return line;
        }
    }

    private static String rest(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? "" : line.substring(space + 1);
    }

    private static String localTime(String isoTime) {
        try {
            return LOCAL_TIME.format(Instant.parse(isoTime));
        } catch (DateTimeParseException e) {
            return isoTime;
        }
    }
}
