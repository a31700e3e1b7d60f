package im.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketAllowsItsCapacityThenRefillsAtItsRate() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.tryTake(SECOND / 2)).isTrue();
        assertThat(bucket.tryTake(SECOND / 2)).isFalse();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(2, 100, 0);
        bucket.tryTake(0);
        assertThat(bucket.tryTake(3600 * SECOND)).isTrue();
        assertThat(bucket.tryTake(3600 * SECOND)).isTrue();
        assertThat(bucket.tryTake(3600 * SECOND)).isFalse();
    }

    @Test
    void saysHowManyWholeSecondsUntilTheNextToken() {
        TokenBucket slow = new TokenBucket(1, 1.0 / 60, 0);
        slow.tryTake(0);
        assertThat(slow.secondsUntilNext(0)).isEqualTo(60);
        assertThat(slow.secondsUntilNext(59 * SECOND + 1)).isEqualTo(1);
    }

    @Test
    void ratesByKeyAreIndependentAndExemptKeysAreNotCounted() {
        long[] now = {0};
        RateByKey rate = new RateByKey(1, 1, "10.0.0.9"::equals, () -> now[0]);
        assertThat(rate.tryTake("10.0.0.1")).isZero();
        assertThat(rate.tryTake("10.0.0.1")).isEqualTo(1);
        assertThat(rate.tryTake("10.0.0.2")).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(rate.tryTake("10.0.0.9")).isZero();
        }
        now[0] = SECOND;
        assertThat(rate.tryTake("10.0.0.1")).isZero();
    }

    @Test
    void ratesByKeyForgetBucketsThatAreFullAgainAndHoldAtMostTheirBound() {
        long[] now = {0};
        RateByKey rate = new RateByKey(10, 1, key -> false, () -> now[0]);
        for (int i = 0; i < RateByKey.MAX_KEYS + 5_000; i++) {
            rate.tryTake("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertThat(rate.keys()).isLessThanOrEqualTo(RateByKey.MAX_KEYS);
        now[0] = 9 * SECOND;
        assertThat(rate.tryTake("10.9.9.9")).isZero();
        // Forgotten once full again (to the cache's timer granularity, about a second later).
        now[0] = 12 * SECOND;
        assertThat(rate.keys()).isEqualTo(1);
    }
}
