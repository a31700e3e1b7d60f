package im.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommandRateTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void allowsTheBurstThenCountsRefusalsInARow() {
        CommandRate rate = new CommandRate(2, 1, 0);

        assertThat(rate.take(0)).isZero();
        assertThat(rate.take(0)).isZero();
        assertThat(rate.take(0)).isEqualTo(1);
        assertThat(rate.take(0)).isEqualTo(2);
        assertThat(rate.secondsUntilNext(0)).isEqualTo(1);
    }

    @Test
    void anAllowedCommandStartsTheCountOfRefusalsAgain() {
        CommandRate rate = new CommandRate(1, 1, 0);
        rate.take(0);
        rate.take(0);

        assertThat(rate.take(SECOND)).isZero();
        assertThat(rate.take(SECOND)).isEqualTo(1);
    }
}
