package im.client;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the interactive client shows for each line of the server, in words: messages and events
 * as they happen, a reply as what it means for the command it answers (your own message as
 * {@code [10:15:04] you -> bob: hi (sent)}), errors as a sentence. Ids only when asked for.
 * It also remembers the user and room names it has seen, for completion. Control characters
 * are shown harmlessly ({@link ServerLines#harmless}).
 */
final class ConversationView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Clock clock;
    private final boolean showIds;
    private final Set<String> users = Collections.synchronizedSet(new TreeSet<>(String.CASE_INSENSITIVE_ORDER));
    private final Set<String> rooms = Collections.synchronizedSet(new TreeSet<>(String.CASE_INSENSITIVE_ORDER));

    ConversationView(Clock clock, boolean showIds) {
        this.clock = clock;
        this.showIds = showIds;
    }

    Set<String> users() {
        synchronized (users) {
            return Set.copyOf(users);
        }
    }

    Set<String> rooms() {
        synchronized (rooms) {
            return Set.copyOf(rooms);
        }
    }

    /** The text for a line from the server; {@code command} is the line a reply answers, else null. */
    String show(String line, String command) {
        return ServerLines.harmless(command != null ? reply(line, command) : event(line));
    }

    private String event(String line) {
        String[] parts = line.split(" ", 6);
        switch (parts[0]) {
            case "MSG" -> {
                if (parts.length < 6) {
                    return line;
                }
                seen(parts[3]);
                seen(parts[4]);
                return "[" + when(parts[2]) + "] " + parts[3] + " -> " + parts[4] + ": " + parts[5]
                        + (showIds ? "  (" + parts[1] + ")" : "");
            }
            case "JOINED", "LEFT" -> seen(parts.length > 1 ? parts[1] : "");
            case "ROOM_JOINED", "ROOM_LEFT" -> {
                if (parts.length == 3) {
                    seen(parts[1]);
                    seen(parts[2]);
                }
            }
            default -> {
            }
        }
        return ServerLines.readable(line);
    }

    private String reply(String line, String command) {
        if (line.startsWith("ERR ")) {
            String[] parts = line.split(" ", 3);
            return "! " + (parts.length > 2 ? parts[2] : parts[1]) + (showIds ? " (" + parts[1] + ")" : "");
        }
        String[] parts = line.split(" ");
        String what = parts.length > 1 ? parts[1] : "";
        return switch (what) {
            case "SENT", "STORED" -> sent(parts, command, what.equals("SENT") ? "sent" : "stored for later");
            case "REGISTERED" -> "* registered " + parts[2] + "; now LOGIN " + parts[2] + " <password>";
            case "LOGGED_IN" -> "* logged in as " + parts[2];
            case "LOGGED_OUT" -> "* logged out";
            case "PASSWORD_CHANGED" -> "* password changed; your other sessions were logged out";
            case "ONLINE" -> names("* online: ", parts, 3, "nobody else");
            case "MEMBERS" -> names("* members of " + seen(parts[2]) + ": ", parts, 4, "none");
            case "ROOMS" -> names("* rooms: ", parts, 3, "none yet (JOIN #name makes one)");
            case "JOINED" -> "* you joined " + seen(parts[2]);
            case "LEFT" -> "* you left " + parts[2];
            case "HISTORY" -> "* " + parts[2] + " earlier messages above";
            case "ACKED" -> "* marked as seen";
            case "BYE" -> "* bye";
            default -> line.substring(line.indexOf(' ') + 1);
        };
    }

    private String sent(String[] parts, String command, String outcome) {
        String[] words = command.split(" ", 3);
        String text = words.length > 2 ? words[2] : "";
        return "[" + LocalTime.now(clock).format(TIME) + "] you -> "
                + seen(parts[2]) + ": " + text + " (" + outcome + (showIds && parts.length > 3 ? ", " + parts[3] : "") + ")";
    }

    private String names(String prefix, String[] parts, int from, String none) {
        if (parts.length <= from) {
            return prefix + none;
        }
        StringBuilder shown = new StringBuilder(prefix);
        for (int i = from; i < parts.length; i++) {
            String name = parts[i];
            int colon = name.lastIndexOf(':');
            shown.append(i > from ? ", " : "").append(colon > 0 && name.startsWith("#")
                    ? seen(name.substring(0, colon)) + " (" + name.substring(colon + 1) + ")" : seen(name));
        }
        return shown.toString();
    }

    /** Today's messages with their time, older ones with their date too. */
    private String when(String isoTime) {
        try {
            ZoneId zone = clock.getZone();
            Instant at = Instant.parse(isoTime);
            boolean today = LocalDate.ofInstant(at, zone).equals(LocalDate.now(clock));
            return (today ? TIME : DATE_TIME).withZone(zone).format(at);
        } catch (DateTimeParseException e) {
            return isoTime;
        }
    }

    private String seen(String name) {
        if (name.startsWith("#")) {
            rooms.add(name);
        } else if (!name.isEmpty() && name.matches("[A-Za-z0-9_.-]{1,32}")) {
            users.add(name);
        }
        return name;
    }
}
