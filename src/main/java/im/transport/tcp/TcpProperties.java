package im.transport.tcp;

import im.settings.SettingChecks;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The TCP listeners ({@code im.tcp.*}): plain, and TLS ({@code im.tcp.tls.*}).
 * {@code workerThreads} is how many platform threads at most run connections' commands on
 * Java 17 (Java 21+ runs each on a virtual thread).
 */
@ConfigurationProperties(prefix = "im.tcp", ignoreUnknownFields = false)
public record TcpProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("5001") int port,
        @DefaultValue("1024") int backlog,
        @DefaultValue("im-server") String serverName,
        @DefaultValue("1") int eventLoops,
        @DefaultValue("64") int workerThreads,
        @DefaultValue Tls tls) {

    public TcpProperties {
        SettingChecks.requireRange(port, 0, 65535, "im.tcp.port");
        SettingChecks.requireRange(backlog, 1, 65535, "im.tcp.backlog");
        SettingChecks.requireRange(eventLoops, 0, 64, "im.tcp.event-loops");
        SettingChecks.requireRange(workerThreads, 1, 10_000, "im.tcp.worker-threads");
        SettingChecks.require(serverName.matches("\\S{1,64}"), "im.tcp.server-name",
                "must be 1 to 64 characters without spaces", serverName);
        SettingChecks.require(enabled || tls.enabled(), "im.tcp.enabled", "may be false only with im.tcp.tls.enabled=true",
                enabled);
    }

    /**
     * The TLS listener: same protocol inside TLS, on the same host, with the key and
     * certificate of a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}). A client that has
     * not finished its handshake within {@code handshakeTimeout} is closed.
     */
    public record Tls(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("5002") int port,
            @DefaultValue("im") String bundle,
            @DefaultValue("10s") Duration handshakeTimeout) {

        public Tls {
            SettingChecks.requireRange(port, 0, 65535, "im.tcp.tls.port");
            SettingChecks.require(handshakeTimeout.toMillis() >= 100 && handshakeTimeout.toMillis() <= Integer.MAX_VALUE,
                    "im.tcp.tls.handshake-timeout", "must be at least 100ms", handshakeTimeout);
        }
    }
}
