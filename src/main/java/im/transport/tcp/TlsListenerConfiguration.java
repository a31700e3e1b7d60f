package im.transport.tcp;

import im.session.ConnectionProperties;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The TLS listener ({@code im.tcp.tls.*}), off unless {@code im.tcp.tls.enabled=true}. Its key
 * and certificate come from the SSL bundle {@code im.tcp.tls.bundle}; when the bundle is
 * reloaded (its {@code reload-on-update}), new connections use the new one at once. Its
 * connections are read by event loops, as the plain listener's, with the JDK's {@code SSLEngine}
 * ({@link LoopTls}); with {@code im.tcp.event-loops=0}, by a thread each over an {@code SSLSocket}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "im.tcp.tls.enabled", havingValue = "true")
class TlsListenerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TlsListenerConfiguration.class);

    @Bean
    AbstractServerConnectionFactory imTlsConnectionFactory(TcpProperties tcp, ConnectionProperties limits,
            SslBundles bundles) {
        String bundle = tcp.tls().bundle();
        AtomicReference<SSLContext> current = new AtomicReference<>(bundles.getBundle(bundle).createSslContext());
        AtomicReference<TlsPolicy> policy = new AtomicReference<>(TlsPolicy.of(bundles.getBundle(bundle).getOptions()));
        bundles.addBundleUpdateHandler(bundle, updated -> {
            current.set(updated.createSslContext());
            policy.set(TlsPolicy.of(updated.getOptions()));
            log.info("SSL bundle {} reloaded: new TLS connections use its new key and certificate", bundle);
        });
        int handshakeMillis = (int) tcp.tls().handshakeTimeout().toMillis();
        if (tcp.eventLoops() == 0) {
            return TcpServerConfiguration.connectionFactory(tcp, tcp.tls().port(), limits,
                    new LineConnection.Support(current::get, policy::get, limits.maxLineBytes(), handshakeMillis));
        }
        LoopServerConnectionFactory factory = new LoopServerConnectionFactory(tcp.tls().port(), tcp.eventLoops(),
                limits.maxLineBytes(), () -> {
                    SSLEngine engine = current.get().createSSLEngine();
                    policy.get().applyTo(engine);
                    return engine;
                }, handshakeMillis);
        TcpServerConfiguration.configure(factory, tcp);
        return factory;
    }

    @Bean
    TcpListener imTlsListener(@Qualifier("imTlsConnectionFactory") AbstractServerConnectionFactory factory) {
        return new TcpListener(factory, true);
    }
}
