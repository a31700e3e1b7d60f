package im.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WriterStartsTest {

    private final List<String> happened = new ArrayList<>();

    @Test
    void startsWithinABatchRunWhenItEnds() {
        WriterStarts.batched(() -> {
            assertThat(WriterStarts.defer(() -> happened.add("start a"))).isTrue();
            WriterStarts.batched(() -> assertThat(WriterStarts.defer(() -> happened.add("start b"))).isTrue());
            happened.add("work done");
        });
        assertThat(happened).containsExactly("work done", "start a", "start b");
    }

    @Test
    void outsideABatchNothingIsDeferred() {
        assertThat(WriterStarts.defer(() -> happened.add("start"))).isFalse();
        assertThat(happened).isEmpty();
    }

    @Test
    void anotherThreadsBatchDefersNothingOfThisOne() {
        WriterStarts.batched(() -> {
            boolean deferredElsewhere = CompletableFuture.supplyAsync(() -> WriterStarts.defer(() -> { })).join();
            assertThat(deferredElsewhere).isFalse();
        });
    }

    @Test
    void aBatchThatThrowsStillStartsWhatItDeferred() {
        assertThatThrownBy(() -> WriterStarts.batched(() -> {
            WriterStarts.defer(() -> happened.add("start"));
            throw new IllegalStateException("failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(happened).containsExactly("start");
        assertThat(WriterStarts.defer(() -> { })).isFalse();
    }
}
