package im.transport.tcp;

import im.session.LineHandler;
import im.session.SessionEndListener;
import im.system.LimitsProperties;
import im.system.Threads;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.IdGenerator;
import org.springframework.util.SimpleIdGenerator;

/**
 * The TCP server: one Net connection factory (a reader thread per connection, virtual on
 * Java 21+; see docs/ARCHITECTURE.md for why not NIO) shared by an inbound adapter, which
 * hands each line to its connection, and an outbound adapter, which writes the outboxes'
 * batches to the connection named in the {@code ip_connectionId} header.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

    @Bean
    TcpNetServerConnectionFactory imConnectionFactory(TcpProperties tcp, LimitsProperties limits) {
        TcpNetServerConnectionFactory factory = new TcpNetServerConnectionFactory(tcp.port());
        factory.setLocalAddress(tcp.host());
        factory.setBacklog(tcp.backlog());
        factory.setSoTcpNoDelay(true);
        factory.setLookupHost(false);
        factory.setDeserializer(new LineDeserializer(limits.maxLineBytes()));
        factory.setMapper(new LineMessageMapper());
        factory.setTcpNetConnectionSupport(new LineConnection.Support());
        factory.setTaskExecutor(Threads.forBlockingTasks("im-conn-"));
        return factory;
    }

    /**
     * Ids for Spring Integration's messages from a counter instead of random UUIDs (every line
     * becomes a message; the UUIDs showed in the profile). Spring Integration applies the bean.
     */
    @Bean
    IdGenerator integrationMessageIds() {
        return new SimpleIdGenerator();
    }

    @Bean
    MessageChannel imOutbound() {
        return new DirectChannel();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService imTimer() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("im-timer-");
        threads.setDaemon(true);
        return Executors.newSingleThreadScheduledExecutor(threads);
    }

    @Bean
    ClientConnections clientConnections(TcpNetServerConnectionFactory factory, TcpProperties tcp,
            LimitsProperties limits, LineHandler lineHandler, List<SessionEndListener> endListeners,
            @Qualifier("imOutbound") MessageChannel outbound, ScheduledExecutorService imTimer,
            MeterRegistry meters) {
        ClientConnections connections = new ClientConnections(tcp, limits, lineHandler, endListeners, outbound,
                Threads.forBlockingTasks("im-work-"), imTimer, meters);
        factory.registerSender(connections);
        return connections;
    }

    @Bean
    IntegrationFlow imInboundFlow(TcpNetServerConnectionFactory factory, ClientConnections connections) {
        return IntegrationFlow.from(Tcp.inboundAdapter(factory))
                .handle(message -> connections.received(
                        message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class), message.getPayload()))
                .get();
    }

    @Bean
    IntegrationFlow imOutboundFlow(TcpNetServerConnectionFactory factory,
            @Qualifier("imOutbound") MessageChannel outbound) {
        return IntegrationFlow.from(outbound).handle(Tcp.outboundAdapter(factory)).get();
    }

    @Bean
    IdleConnectionCloser idleConnectionCloser(ClientConnections connections, ScheduledExecutorService imTimer,
            LimitsProperties limits) {
        return new IdleConnectionCloser(connections, imTimer, limits);
    }

    @Bean
    ShutdownNotice shutdownNotice(ClientConnections connections) {
        return new ShutdownNotice(connections);
    }
}
