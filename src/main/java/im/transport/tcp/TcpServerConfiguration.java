package im.transport.tcp;

import im.concurrent.Threads;
import im.session.ConnectionProperties;
import im.session.LineHandler;
import im.session.SessionEndListener;
import im.throttle.ThrottleProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.util.IdGenerator;
import org.springframework.util.SimpleIdGenerator;

/**
 * What the TCP listeners share: the registry of client connections with their sessions and
 * outboxes, the keep-alive, the shutdown notice. Each listener (plain, TLS) is one connection
 * factory, event loops by default ({@link LoopServerConnectionFactory}) or a Net factory with a
 * reader thread per connection ({@code im.tcp.event-loops=0}; docs/ARCHITECTURE.md says why not
 * Spring Integration's NIO one), declared as a {@link TcpListener}; {@link TcpListenerFlows}
 * connects every listener to the connections.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

    /** A listener's connection factory; {@code connectionSupport} decides plain or TLS. */
    static TcpNetServerConnectionFactory connectionFactory(TcpProperties tcp, int port, ConnectionProperties limits,
            LineConnection.Support connectionSupport) {
        TcpNetServerConnectionFactory factory = new TcpNetServerConnectionFactory(port);
        configure(factory, tcp);
        factory.setDeserializer(new LineDeserializer());
        factory.setMapper(new LineMessageMapper());
        factory.setTcpNetConnectionSupport(connectionSupport);
        return factory;
    }

    /** What every listener's factory has: address, backlog, no Nagle, no DNS, threads that may block. */
    static void configure(AbstractServerConnectionFactory factory, TcpProperties tcp) {
        factory.setLocalAddress(tcp.host());
        factory.setBacklog(tcp.backlog());
        factory.setSoTcpNoDelay(true);
        factory.setLookupHost(false);
        factory.setTaskExecutor(Threads.forBlockingTasks("im-conn-"));
    }

    /**
     * Ids for Spring Integration's messages from a counter instead of random UUIDs (every line
     * becomes a message; the UUIDs showed in the profile). Spring Integration applies the bean.
     */
    @Bean
    IdGenerator integrationMessageIds() {
        return new SimpleIdGenerator();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService imTimer() {
        return Threads.timer("im-timer-");
    }

    @Bean
    ClientConnections clientConnections(List<TcpListener> listeners, TcpProperties tcp, ConnectionProperties limits,
            ThrottleProperties throttle, LineHandler lineHandler, List<SessionEndListener> endListeners,
            ScheduledExecutorService imTimer, MeterRegistry meters) {
        return new ClientConnections(listeners, tcp, limits, throttle, lineHandler, endListeners,
                Threads.forShortTasks("im-work", tcp.workerThreads()), imTimer, meters);
    }

    @Bean
    TcpListenerFlows tcpListenerFlows(List<TcpListener> listeners, ClientConnections connections,
            IntegrationFlowContext flows) {
        return new TcpListenerFlows(listeners, connections, flows);
    }

    @Bean
    IdleConnectionCloser idleConnectionCloser(ClientConnections connections, ScheduledExecutorService imTimer,
            ConnectionProperties limits) {
        return new IdleConnectionCloser(connections, imTimer, limits);
    }

    @Bean
    ShutdownNotice shutdownNotice(ClientConnections connections) {
        return new ShutdownNotice(connections);
    }
}
