package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandTimerTest {

    @Test
    void aSampledTimerTimesItsFirstCommandsEachThenOneInSixteenStandingForSixteen() {
        CommandTimer timer = CommandTimer.register(new SimpleMeterRegistry(), "PING", true);
        for (int i = 0; i < CommandTimer.TIMED_FIRST; i++) {
            assertThat(timer.weightOfNext()).isEqualTo(1);
        }
        Set<Integer> weights = new HashSet<>();
        for (int i = 0; i < 1600; i++) {
            weights.add(timer.weightOfNext());
        }
        // Never a sample in 1,600 draws: a chance of (15/16)^1600, about 1e-45.
        assertThat(weights).containsExactlyInAnyOrder(0, CommandTimer.SAMPLED_ONE_IN);
    }

    @Test
    void aTimerOfCommandsThatMayBlockTimesEachOne() {
        CommandTimer timer = CommandTimer.register(new SimpleMeterRegistry(), "HELP", false);
        for (int i = 0; i < 2 * CommandTimer.TIMED_FIRST; i++) {
            assertThat(timer.weightOfNext()).isEqualTo(1);
        }
    }
}
