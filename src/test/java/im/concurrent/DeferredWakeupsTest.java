package im.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeferredWakeupsTest {

    private final List<String> happened = new ArrayList<>();

    @Test
    void startsWithinABatchRunWhenItEnds() {
        DeferredWakeups.batched(() -> {
            assertThat(DeferredWakeups.defer(() -> happened.add("start a"))).isTrue();
            DeferredWakeups.batched(() -> assertThat(DeferredWakeups.defer(() -> happened.add("start b"))).isTrue());
            happened.add("work done");
        });
        assertThat(happened).containsExactly("work done", "start a", "start b");
    }

    @Test
    void outsideABatchNothingIsDeferred() {
        assertThat(DeferredWakeups.defer(() -> happened.add("start"))).isFalse();
        assertThat(happened).isEmpty();
    }

    @Test
    void anotherThreadsBatchDefersNothingOfThisOne() {
        DeferredWakeups.batched(() -> {
            boolean deferredElsewhere = CompletableFuture.supplyAsync(() -> DeferredWakeups.defer(() -> { })).join();
            assertThat(deferredElsewhere).isFalse();
        });
    }

    @Test
    void aBatchThatThrowsStillStartsWhatItDeferred() {
        assertThatThrownBy(() -> DeferredWakeups.batched(() -> {
            DeferredWakeups.defer(() -> happened.add("start"));
            throw new IllegalStateException("failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(happened).containsExactly("start");
        assertThat(DeferredWakeups.defer(() -> { })).isFalse();
    }
}
