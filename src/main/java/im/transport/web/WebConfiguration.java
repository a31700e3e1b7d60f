package im.transport.web;

import im.session.ConnectionProperties;
import im.transport.tcp.ClientConnections;
import im.transport.tcp.TcpProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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
    private final ConnectionProperties limits;

    WebConfiguration(ClientConnections connections, WebProperties web, ConnectionProperties limits) {
        this.connections = connections;
        this.web = web;
        this.limits = limits;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // No allowed origins: the page's own only (Spring refuses the others with 403 before any session).
        registry.addHandler(new WebSocketLines(connections, limits.maxLineBytes()), PATH)
                .setAllowedOrigins(web.allowedOrigins().toArray(String[]::new));
    }

    /**
     * The container's per-session message buffers: a piece of a text frame (a longer frame comes
     * in pieces, which {@link WebSocketLines} joins up to the line limit), and no room for binary
     * frames, which im/1 does not use.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(WebSocketLines.FRAME_PIECE_CHARS);
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
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSocketBuffers() {
        return factory -> factory.addConnectorCustomizers(WebSocketBuffers.smallSocketBuffers());
    }

    @Bean
    FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        return new FilterRegistrationBean<>(new SecurityHeaders());
    }
}
