package im.transport.tcp;

import im.session.ConnectionProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/** The plain listener ({@code im.tcp.port}), on unless {@code im.tcp.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "im.tcp.enabled", havingValue = "true", matchIfMissing = true)
class PlainListenerConfiguration {

    /**
     * Event loops unless {@code im.tcp.event-loops=0}, which gives each connection a reader
     * thread of its own as the TLS listener does (docs/ARCHITECTURE.md, "Threads").
     */
    @Bean
    AbstractServerConnectionFactory imConnectionFactory(TcpProperties tcp, ConnectionProperties limits) {
        if (tcp.eventLoops() == 0) {
            return TcpServerConfiguration.connectionFactory(tcp, tcp.port(), limits,
                    new LineConnection.Support(null, null, limits.maxLineBytes(), 0));
        }
        LoopServerConnectionFactory factory = new LoopServerConnectionFactory(tcp.port(), tcp.eventLoops(),
                limits.maxLineBytes());
        TcpServerConfiguration.configure(factory, tcp);
        return factory;
    }

    @Bean
    TcpListener imPlainListener(@Qualifier("imConnectionFactory") AbstractServerConnectionFactory factory) {
        return new TcpListener(factory, false);
    }
}
