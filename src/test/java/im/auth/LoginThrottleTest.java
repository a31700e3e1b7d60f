package im.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.protocol.ErrorCode;
import im.protocol.RequestRejected;
import im.testing.TestLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final long SECOND = 1_000_000_000L;

    private long now = 1000 * SECOND;
    private final LoginThrottle throttle = new LoginThrottle(TestLimits.throttle(Map.of(
            "im.throttle.free-login-failures-per-account", "3",
            "im.throttle.free-login-failures-per-address", "5",
            "im.throttle.login-backoff-initial", "2s",
            "im.throttle.login-backoff-max", "16s",
            "im.throttle.login-failure-memory", "60s",
            "im.throttle.exempt-addresses", "10.9.9.9")), () -> now);

    @Test
    void theFreeFailuresPassThenTheBackoffDoublesUpToItsMaximum() {
        failTimes("ann", "10.0.0.1", 3);
        assertWaits("ann", "10.0.0.1", 2);
        now += 2 * SECOND;
        assertFree("ann", "10.0.0.1");
        throttle.failed("ann", "10.0.0.1");
        assertWaits("ann", "10.0.0.1", 4);
        for (int i = 0; i < 5; i++) {
            now += 60 * SECOND - 1;
            throttle.failed("ann", "10.0.0.1");
        }
        assertWaits("ann", "10.0.0.1", 16);
    }

    @Test
    void anAccountIsNeverThrottledForItsOwnerAtAnotherAddress() {
        failTimes("ann", "10.0.0.1", 3);
        assertWaits("ann", "10.0.0.1", 2);
        assertFree("ann", "10.0.0.2");
    }

    @Test
    void oneAddressTryingManyNamesIsThrottledAsAWhole() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertWaits("someone-else", "10.0.0.1", 2);
        assertFree("someone-else", "10.0.0.2");
    }

    @Test
    void aSuccessClearsTheAccountCountAndOldFailuresAreForgotten() {
        failTimes("ann", "10.0.0.1", 2);
        throttle.succeeded("ann", "10.0.0.1");
        failTimes("ann", "10.0.0.1", 2);
        assertFree("ann", "10.0.0.1");
        failTimes("bob", "10.0.0.3", 3);
        now += 61 * SECOND;
        assertFree("bob", "10.0.0.3");
    }

    @Test
    void exemptAddressesSkipOnlyTheAddressLimit() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("user" + i, "10.9.9.9");
        }
        assertFree("new-user", "10.9.9.9");
        failTimes("ann", "10.9.9.9", 3);
        assertWaits("ann", "10.9.9.9", 2);
    }

    @Test
    void failuresOfEndlesslyManyNamesFillTheTableOnlyUpToItsBound() {
        for (int i = 0; i < LoginThrottle.MAX_ENTRIES + 5000; i++) {
            throttle.failed("name" + i, "10.0.0." + (i % 200));
        }
        assertThat(throttle.entries()).isLessThanOrEqualTo(LoginThrottle.MAX_ENTRIES + 200);
        assertWaits("someone", "10.0.0.7", 16);
    }

    @Test
    void attemptsInFlightCountAsFailuresSoThatGuessesSentAtOnceMeetTheSameLimit() {
        for (int i = 0; i < 3; i++) {
            throttle.begin("ann", "10.0.0.3");
        }
        assertWaits("ann", "10.0.0.3", 2);
        assertThatThrownBy(() -> throttle.begin("ann", "10.0.0.3")).isInstanceOf(RequestRejected.class);
    }

    @Test
    void aSuccessfulAttemptTakesBackWhatItCountedForTheAddress() {
        for (int i = 0; i < 20; i++) {
            throttle.begin("user" + i, "10.0.0.4");
            throttle.succeeded("user" + i, "10.0.0.4");
        }
        assertFree("someone", "10.0.0.4");
    }

    @Test
    void registrationsOfTakenNamesCountAgainstTheAddress() {
        for (int i = 0; i < 5; i++) {
            throttle.checkAddress("10.0.0.5");
            throttle.failedAt("10.0.0.5");
        }
        assertThatThrownBy(() -> throttle.checkAddress("10.0.0.5")).isInstanceOf(RequestRejected.class);
    }

    private void failTimes(String name, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertFree(name, address);
            throttle.failed(name, address);
        }
    }

    private void assertFree(String name, String address) {
        assertThatCode(() -> throttle.check(name, address)).doesNotThrowAnyException();
    }

    private void assertWaits(String name, String address, int seconds) {
        assertThatThrownBy(() -> throttle.check(name, address)).isInstanceOfSatisfying(RequestRejected.class,
                rejected -> {
                    assertThat(rejected.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(rejected.getMessage()).isEqualTo("retry after " + seconds);
                });
    }
}
