package im.protocol;

/** The codes of {@code ERR} replies (PROTOCOL.md, plus INTERNAL for a server fault). */
public enum ErrorCode {
    SYNTAX,
    UNKNOWN_COMMAND,
    LINE_TOO_LONG,
    USERNAME_TAKEN,
    INVALID_USERNAME,
    INVALID_PASSWORD,
    RATE_LIMITED,
    BAD_CREDENTIALS,
    ALREADY_LOGGED_IN,
    TOO_MANY_SESSIONS,
    NOT_LOGGED_IN,
    NO_SUCH_USER,
    USER_OFFLINE,
    MESSAGE_TOO_LONG,
    STORE_UNAVAILABLE,
    INTERNAL
}
