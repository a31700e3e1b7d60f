package im.delivery;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Message ids: the server's start time and a counter, both base 36 ({@code mid3k2x9a-1f}).
 * Unique per server across restarts as long as two starts are a millisecond apart; cheap
 * enough for every message (no random numbers).
 */
@Component
public class MessageIds {

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public MessageIds() {
        this.prefix = Long.toString(System.currentTimeMillis(), 36) + "-";
    }

    public String next() {
        return prefix + Long.toString(counter.incrementAndGet(), 36);
    }
}
