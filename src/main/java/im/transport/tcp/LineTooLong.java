package im.transport.tcp;

/** What the framing hands on in place of a line that was over the limit and discarded. */
enum LineTooLong {
    INSTANCE
}
