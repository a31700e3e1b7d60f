package im.auth;

import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.throttle.ThrottleProperties;
import java.util.HashMap;
import java.util.Map;

/**
 * Bounds the password checks waiting for the hashing pool: per remote address and in all.
 * Hashing is the one resource that an unauthenticated client can make expensive, so a storm of
 * LOGINs from a few addresses is refused at once ({@code RATE_LIMITED}) past these bounds
 * instead of queueing in front of everybody else's login.
 */
final class HashingAdmission {

    private final ThrottleProperties limits;
    /** Checks under way per address; guarded by this. */
    private final Map<String, Integer> byAddress = new HashMap<>();
    private int inAll;

    HashingAdmission(ThrottleProperties limits) {
        this.limits = limits;
    }

    /** Takes a place for one hash from {@code address} (null: a tool or test, not limited), or refuses. */
    synchronized void enter(String address) {
        if (address == null || !limits.enabled()) {
            return;
        }
        int fromAddress = byAddress.getOrDefault(address, 0);
        if (inAll >= limits.hashesQueued() || !limits.isExempt(address) && fromAddress >= limits.hashesQueuedPerAddress()) {
            throw new RequestRejected(ErrorCode.RATE_LIMITED, "retry after 1");
        }
        byAddress.put(address, fromAddress + 1);
        inAll++;
    }

    synchronized void leave(String address) {
        if (address == null || !limits.enabled()) {
            return;
        }
        byAddress.computeIfPresent(address, (k, count) -> count <= 1 ? null : count - 1);
        inAll--;
    }
}
