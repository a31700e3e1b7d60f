package im.throttle;

import im.settings.SettingChecks;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Abuse limits ({@code im.throttle.*}): login backoff, registration and command rates,
 * connection caps. On by default; docs/SECURITY.md explains each. The defaults let one
 * address (a test suite, a class behind one NAT) register and log in a few hundred users.
 * {@code enabled=false} turns them all off, for load tests from one address only.
 */
@ConfigurationProperties(prefix = "im.throttle", ignoreUnknownFields = false)
public record ThrottleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10") int freeLoginFailuresPerAddress,
        @DefaultValue("5") int freeLoginFailuresPerAccount,
        @DefaultValue("1s") Duration loginBackoffInitial,
        @DefaultValue("5m") Duration loginBackoffMax,
        @DefaultValue("15m") Duration loginFailureMemory,
        @DefaultValue("500") int registrationsPerAddress,
        @DefaultValue("1h") Duration registrationRefill,
        @DefaultValue("200") int commandsPerSecond,
        @DefaultValue("1000") int commandBurst,
        @DefaultValue("100") int rateLimitedBeforeBye,
        @DefaultValue("20000") int maxConnections,
        @DefaultValue("500") int maxConnectionsPerAddress,
        @DefaultValue("2") int hashesQueuedPerAddress,
        @DefaultValue("32") int hashesQueued,
        @DefaultValue("") List<String> exemptAddresses) {

    public ThrottleProperties {
        SettingChecks.requireRange(freeLoginFailuresPerAddress, 1, 1_000_000, "im.throttle.free-login-failures-per-address");
        SettingChecks.requireRange(freeLoginFailuresPerAccount, 1, 1_000_000, "im.throttle.free-login-failures-per-account");
        SettingChecks.require(!loginBackoffInitial.isNegative() && !loginBackoffInitial.isZero(),
                "im.throttle.login-backoff-initial", "must be positive", loginBackoffInitial);
        SettingChecks.require(loginBackoffMax.compareTo(loginBackoffInitial) >= 0, "im.throttle.login-backoff-max",
                "must be at least login-backoff-initial", loginBackoffMax);
        SettingChecks.require(loginFailureMemory.compareTo(loginBackoffMax) >= 0, "im.throttle.login-failure-memory",
                "must be at least login-backoff-max", loginFailureMemory);
        SettingChecks.requireRange(registrationsPerAddress, 1, 1_000_000_000, "im.throttle.registrations-per-address");
        SettingChecks.require(registrationRefill.toMillis() >= 1, "im.throttle.registration-refill", "must be positive",
                registrationRefill);
        SettingChecks.requireRange(commandsPerSecond, 1, 1_000_000_000, "im.throttle.commands-per-second");
        SettingChecks.requireRange(commandBurst, 1, 1_000_000_000, "im.throttle.command-burst");
        SettingChecks.requireRange(rateLimitedBeforeBye, 1, 1_000_000_000, "im.throttle.rate-limited-before-bye");
        SettingChecks.requireRange(maxConnections, 1, 10_000_000, "im.throttle.max-connections");
        SettingChecks.requireRange(maxConnectionsPerAddress, 1, 10_000_000, "im.throttle.max-connections-per-address");
        SettingChecks.requireRange(hashesQueuedPerAddress, 1, 1_000_000, "im.throttle.hashes-queued-per-address");
        SettingChecks.requireRange(hashesQueued, 1, 1_000_000, "im.throttle.hashes-queued");
        exemptAddresses = exemptAddresses.stream().filter(address -> !address.isBlank()).toList();
    }

    /** Whether an address is exempt from the per-address limits (none is, by default; all are when disabled). */
    public boolean isExempt(String address) {
        return !enabled || exemptAddresses.contains(address);
    }
}
