package im.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The client's TLS settings: the JDK's trusted authorities by default, a trust store of the
 * user's (a self-signed server's certificate), or, only when asked for by name, no checks.
 */
public final class ClientTls {

    private ClientTls() {
    }

    /**
     * @param trustStore a key store of trusted certificates, or null for the JDK's authorities
     * @param insecure trust any certificate (then {@code trustStore} is not used)
     */
    public static SSLContext context(Path trustStore, String trustStorePassword, boolean insecure)
            throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        if (insecure) {
            context.init(null, new TrustManager[] {new TrustingAnything()}, null);
        } else if (trustStore != null) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try (InputStream in = Files.newInputStream(trustStore)) {
                store.load(in, trustStorePassword == null ? null : trustStorePassword.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            context.init(null, trust.getTrustManagers(), null);
        } else {
            context.init(null, null, null);
        }
        return context;
    }

    /** For {@code --insecure}: talks to a test server with a self-signed certificate, and to anyone in between. */
    private static final class TrustingAnything implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
