package im.transport.tcp;

import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.springframework.boot.ssl.SslOptions;

/**
 * The protocols and cipher suites the TLS listener offers: TLS 1.3 and 1.2 with forward-secret
 * AEAD suites only, unless the SSL bundle's {@code options} name others. The JDK's defaults
 * still offer CBC suites with SHA-1, which no current client needs.
 */
record TlsPolicy(List<String> protocols, List<String> ciphers) {

    static final List<String> MODERN_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    static final List<String> MODERN_CIPHERS = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    static TlsPolicy of(SslOptions options) {
        return new TlsPolicy(
                options.getEnabledProtocols() != null ? List.of(options.getEnabledProtocols()) : MODERN_PROTOCOLS,
                options.getCiphers() != null ? List.of(options.getCiphers()) : MODERN_CIPHERS);
    }

    /** Offers this policy's protocols and suites on the engine, those of them that the JDK has. */
    void applyTo(SSLEngine engine) {
        List<String> supportedProtocols = Arrays.asList(engine.getSupportedProtocols());
        List<String> supportedCiphers = Arrays.asList(engine.getSupportedCipherSuites());
        engine.setEnabledProtocols(protocols.stream().filter(supportedProtocols::contains).toArray(String[]::new));
        engine.setEnabledCipherSuites(ciphers.stream().filter(supportedCiphers::contains).toArray(String[]::new));
    }

    /** Offers this policy's protocols and suites on the socket, those of them that the JDK has. */
    void applyTo(SSLSocket socket) {
        List<String> supportedProtocols = Arrays.asList(socket.getSupportedProtocols());
        List<String> supportedCiphers = Arrays.asList(socket.getSupportedCipherSuites());
        socket.setEnabledProtocols(protocols.stream().filter(supportedProtocols::contains).toArray(String[]::new));
        socket.setEnabledCipherSuites(ciphers.stream().filter(supportedCiphers::contains).toArray(String[]::new));
    }
}
