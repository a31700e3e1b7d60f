package im.transport.web;

import im.settings.SettingChecks;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web client and its WebSocket ({@code im.web.*}), served on {@code server.port}. A
 * WebSocket upgrade whose {@code Origin} is another site is refused, unless that origin is in
 * {@code allowedOrigins} (e.g. {@code https://chat.example.org} behind a proxy that changes the
 * host); a client that sends no {@code Origin} (not a browser) is let in.
 */
@ConfigurationProperties(prefix = "im.web", ignoreUnknownFields = false)
public record WebProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue List<String> allowedOrigins) {

    public WebProperties {
        for (String origin : allowedOrigins) {
            SettingChecks.require(origin.matches("https?://[^/\\s]+"), "im.web.allowed-origins",
                    "must be origins like https://chat.example.org (scheme and host, no path)", origin);
        }
    }
}
