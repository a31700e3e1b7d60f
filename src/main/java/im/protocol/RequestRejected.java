package im.protocol;

/** Thrown by services and handlers to answer a command with {@code ERR <code> <text>}. */
public class RequestRejected extends RuntimeException {

    private final ErrorCode code;

    public RequestRejected(ErrorCode code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public Reply.Line toReply() {
        return Reply.error(code, getMessage());
    }
}
