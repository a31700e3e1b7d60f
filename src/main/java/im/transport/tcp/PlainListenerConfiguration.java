package im.transport.tcp;

import im.system.LimitsProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.messaging.MessageChannel;

/** The plain listener ({@code im.tcp.port}), on unless {@code im.tcp.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "im.tcp.enabled", havingValue = "true", matchIfMissing = true)
class PlainListenerConfiguration {

    @Bean
    TcpNetServerConnectionFactory imConnectionFactory(TcpProperties tcp, LimitsProperties limits) {
        return TcpServerConfiguration.connectionFactory(tcp, tcp.port(), limits, new LineConnection.Support(null));
    }

    @Bean
    MessageChannel imOutbound() {
        return new DirectChannel();
    }

    @Bean
    TcpListener imPlainListener(@Qualifier("imConnectionFactory") TcpNetServerConnectionFactory factory,
            @Qualifier("imOutbound") MessageChannel outbound) {
        return new TcpListener(factory, outbound);
    }

    @Bean
    IntegrationFlow imInboundFlow(@Qualifier("imConnectionFactory") TcpNetServerConnectionFactory factory,
            ClientConnections connections) {
        return TcpServerConfiguration.inboundFlow(factory, connections);
    }

    @Bean
    IntegrationFlow imOutboundFlow(@Qualifier("imPlainListener") TcpListener listener) {
        return TcpServerConfiguration.outboundFlow(listener);
    }
}
