package im.transport.web;

import im.system.LimitsProperties;
import im.transport.tcp.ClientConnections;
import im.transport.tcp.TcpProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The public HTTP listener's part: the web client's files (Spring Boot serves them from
 * {@code static/}), their security headers, and im/1 over WebSocket at {@code /ws}. Spring's
 * WebSocket API rather than Spring Integration's adapters: a session's frames reach our handler
 * in order on the container's thread, and our outbox already orders and bounds what goes out,
 * so a message channel in between would add a hop and no guarantee (docs/ARCHITECTURE.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "im.web.enabled", matchIfMissing = true)
@EnableWebSocket
class WebConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws";

    private final ClientConnections connections;
    private final WebProperties web;

    WebConfiguration(ClientConnections connections, WebProperties web) {
        this.connections = connections;
        this.web = web;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // No allowed origins: the page's own only (Spring refuses the others with 403 before any session).
        registry.addHandler(new WebSocketLines(connections), PATH)
                .setAllowedOrigins(web.allowedOrigins().toArray(String[]::new));
    }

    /**
     * The container's per-session buffers: a text frame up to the line limit in characters (a
     * longer line in bytes gets ERR LINE_TOO_LONG; a longer frame is closed with 1009), and no
     * room for binary frames, which im/1 does not use.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(LimitsProperties limits) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(limits.maxLineBytes() + 2);
        container.setMaxBinaryMessageBufferSize(64);
        return container;
    }

    /**
     * With the TLS listener on, the page and its WebSocket are served over HTTPS and WSS with the
     * same SSL bundle, unless {@code server.ssl.*} says otherwise.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> httpsWithTheTlsBundle(TcpProperties tcp,
            SslBundles bundles) {
        return factory -> {
            if (tcp.tls().enabled() && factory instanceof AbstractConfigurableWebServerFactory configured
                    && !Ssl.isEnabled(configured.getSsl())) {
                factory.setSsl(Ssl.forBundle(tcp.tls().bundle()));
                factory.setSslBundles(bundles);
            }
        };
    }

    @Bean
    FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        return new FilterRegistrationBean<>(new SecurityHeaders());
    }
}
