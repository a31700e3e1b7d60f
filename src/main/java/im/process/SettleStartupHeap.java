package im.process;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs one full collection once the server is up. Spring's context is some 20 MB of objects
 * that live as long as the server; left to G1 they sit in the survivor spaces and are copied
 * at every young collection until they are old enough to tenure (15 collections, about the
 * first minute under load), which made those pauses 15-20 ms instead of 2 ms and set the
 * messaging p99 of a freshly started server (docs/PERFORMANCE.md). One full collection moves
 * them to the old generation at once, for about 40 ms while nobody is talking yet.
 * {@code -XX:+DisableExplicitGC} turns it off.
 */
@Component
class SettleStartupHeap {

    @EventListener(ApplicationReadyEvent.class)
    void collectOnce() {
        System.gc();
    }
}
