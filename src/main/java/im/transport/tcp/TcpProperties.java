package im.transport.tcp;

import im.system.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The plain TCP listener ({@code im.tcp.*}). */
@ConfigurationProperties(prefix = "im.tcp", ignoreUnknownFields = false)
public record TcpProperties(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("5001") int port,
        @DefaultValue("1024") int backlog,
        @DefaultValue("im-server") String serverName) {

    public TcpProperties {
        Settings.requireRange(port, 0, 65535, "im.tcp.port");
        Settings.requireRange(backlog, 1, 65535, "im.tcp.backlog");
        Settings.require(serverName.matches("\\S{1,64}"), "im.tcp.server-name",
                "must be 1 to 64 characters without spaces", serverName);
    }
}
