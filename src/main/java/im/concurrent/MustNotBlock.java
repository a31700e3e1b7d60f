package im.concurrent;

import java.util.function.Supplier;

/**
 * Work that runs where nothing may block (an event loop), with a way out for the rare case
 * that would: code about to block calls {@link #beforeBlocking}, which inside {@link #during}
 * throws {@link WouldBlock}, and the caller runs the work again where blocking is allowed.
 * Outside {@link #during} it does nothing.
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

    public static <T> T during(Supplier<T> work) {
        ACTIVE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            ACTIVE.remove();
        }
    }

    /** Throws {@link WouldBlock} inside {@link #during}. */
    public static void beforeBlocking() {
        if (ACTIVE.get() != null) {
            throw WouldBlock.INSTANCE;
        }
    }
}
