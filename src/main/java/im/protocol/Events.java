package im.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats the event lines the server pushes (PROTOCOL.md, "Lines the server sends"). */
public final class Events {

    public static final String PROTOCOL_VERSION = "im/1";

    /** A MSG time up to its seconds, with the dot; {@link #formatTime} adds the milliseconds and Z. */
    private static final DateTimeFormatter UP_TO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

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
    private static volatile FormattedTime lastTime = new FormattedTime(Long.MIN_VALUE, "", Long.MIN_VALUE, "");

    /**
     * ISO-8601 UTC with milliseconds and Z, as the MSG line wants it. The formatter runs once a
     * second, for the part up to the seconds; each new millisecond only appends its digits (the
     * formatter's per-call work showed in the profile at a few thousand calls a second).
     */
    static String formatTime(Instant time) {
        long millis = time.toEpochMilli();
        FormattedTime last = lastTime;
        if (last.epochMillis() != millis) {
            long second = Math.floorDiv(millis, 1000);
            String upToSeconds = second == last.epochSecond() ? last.upToSeconds()
                    : UP_TO_SECONDS.format(Instant.ofEpochSecond(second));
            int milli = (int) Math.floorMod(millis, 1000);
            String text = upToSeconds + (char) ('0' + milli / 100) + (char) ('0' + milli / 10 % 10)
                    + (char) ('0' + milli % 10) + 'Z';
            last = new FormattedTime(millis, text, second, upToSeconds);
            lastTime = last;
        }
        return last.text();
    }

    private record FormattedTime(long epochMillis, String text, long epochSecond, String upToSeconds) {
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

    /** {@code count} unread messages from {@code sender} left the user's full inbox before being read. */
    public static String dropped(int count, String sender) {
        return "DROPPED " + count + " " + sender;
    }

    public static String bye(String reason) {
        return "BYE " + reason;
    }
}
