package im.concurrent;

/**
 * Threads where nothing may block (the event loops), with a way out for the rare work that
 * would: code about to block calls {@link #beforeBlocking}, which on such a thread throws
 * {@link WouldBlock}, and the caller runs the work again where blocking is allowed. On any other
 * thread it does nothing. A thread says so once, as it starts, so the per-message path pays nothing.
 */
public final class MustNotBlock {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    /** The work would have blocked; nothing of it was done yet. */
    public static final class WouldBlock extends RuntimeException {

        private static final WouldBlock INSTANCE = new WouldBlock();

        private WouldBlock() {
            super("would block", null, false, false);
        }
    }

    private MustNotBlock() {
    }

    /** The calling thread must never block, for the rest of its life. */
    public static void thisThread() {
        ACTIVE.set(Boolean.TRUE);
    }

    /** Throws {@link WouldBlock} on a thread that must not block. */
    public static void beforeBlocking() {
        if (ACTIVE.get() != null) {
            throw WouldBlock.INSTANCE;
        }
    }
}
