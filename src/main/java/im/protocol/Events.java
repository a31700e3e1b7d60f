package im.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats the event lines the server pushes (PROTOCOL.md, "Lines the server sends"). */
public final class Events {

    public static final String PROTOCOL_VERSION = "im/1";

    private static final DateTimeFormatter MESSAGE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Events() {
    }

    public static String hello(String serverName) {
        return "HELLO " + PROTOCOL_VERSION + " " + serverName;
    }

    /** A MSG line from its id and the rest ({@link #messageTail}), which is known before the id. */
    public static String message(String id, String tail) {
        return "MSG " + id + " " + tail;
    }

    /** What follows the id in a MSG line: {@code <time> <from> <to> <text>}. */
    public static String messageTail(Instant time, String from, String to, String text) {
        return formatTime(time) + " " + from + " " + to + " " + text;
    }

    /** The last time formatted: at a few hundred messages a millisecond, most are in the same one. */
    private static volatile FormattedTime lastTime = new FormattedTime(Long.MIN_VALUE, "");

    /** ISO-8601 UTC with milliseconds and Z, as the MSG line wants it. */
    static String formatTime(Instant time) {
        long millis = time.toEpochMilli();
        FormattedTime last = lastTime;
        if (last.epochMillis() != millis) {
            last = new FormattedTime(millis, MESSAGE_TIME.format(Instant.ofEpochMilli(millis)));
            lastTime = last;
        }
        return last.text();
    }

    private record FormattedTime(long epochMillis, String text) {
    }

    public static String joined(String user) {
        return "JOINED " + user;
    }

    public static String left(String user) {
        return "LEFT " + user;
    }

    public static String roomJoined(String room, String user) {
        return "ROOM_JOINED " + room + " " + user;
    }

    public static String roomLeft(String room, String user) {
        return "ROOM_LEFT " + room + " " + user;
    }

    /** The keep-alive: any line answers it (PROTOCOL.md). */
    public static String ping(String token) {
        return "PING " + token;
    }

    public static String bye(String reason) {
        return "BYE " + reason;
    }
}
