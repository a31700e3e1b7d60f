package im.inbox;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.protocol.RequestRejected;
import org.junit.jupiter.api.Test;

class DailyQuotaTest {

    private static final long DAY = 86_400_000L;

    @Test
    void aUserMayStoreTheQuotaPerDayAndAgainTheNextDay() {
        DailyQuota quota = new DailyQuota(1000);
        long noon = 20_000 * DAY + DAY / 2;
        quota.take("alice", 400, noon);
        quota.take("alice", 300, noon);
        assertThatThrownBy(() -> quota.take("alice", 1, noon)).isInstanceOf(RequestRejected.class)
                .hasMessage("retry after " + DAY / 2 / 1000);
        assertThatCode(() -> quota.take("bob", 800, noon)).as("another user's day").doesNotThrowAnyException();
        assertThatCode(() -> quota.take("alice", 800, noon + DAY / 2)).as("the next day").doesNotThrowAnyException();
    }

    @Test
    void zeroIsNoQuota() {
        assertThatCode(() -> new DailyQuota(0).take("alice", Long.MAX_VALUE / 2, 0)).doesNotThrowAnyException();
    }
}
