package im.testing;

import static org.assertj.core.api.Assertions.assertThat;

import im.client.ClientTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Keys and self-signed certificates made at test time with the JDK's keytool, so that no key
 * is ever in the repository.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-only";

    private TestCertificates() {
    }

    /** Writes a PKCS12 key store holding a new EC key and a self-signed certificate for {@code cn}. */
    /**
     * A folder of its own under target/ for a test server's key store: the server may watch its
     * files for as long as the test JVM runs, and ./mvnw clean removes them, not a folder in /tmp.
     */
    public static Path folder() throws IOException {
        return Files.createDirectories(Path.of("target", "test-tls", UUID.randomUUID().toString()));
    }

    public static Path keyStore(Path file, String cn) throws IOException, InterruptedException {
        Path fresh = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(fresh);
        keytool("-genkeypair", "-alias", "im", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", fresh.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        // Replaced in one step, as a deployment would, so the watcher never reads half a file.
        return Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes a trust store holding only the certificate of a key store made by {@link #keyStore}. */
    public static Path trustStore(Path keyStore, Path file) throws IOException, InterruptedException {
        Path cert = file.resolveSibling("im.crt");
        keytool("-exportcert", "-alias", "im", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "im", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD);
        return file;
    }

    /**
     * Turns the TLS listener on (a free port) with a key and certificate made for the test in
     * {@code fileName} ({@code cn} its name), as the SSL bundle {@code im}.
     */
    public static void tlsListener(DynamicPropertyRegistry registry, String fileName, String cn) throws Exception {
        Path keyStore = keyStore(folder().resolve(fileName), cn);
        registry.add("im.tcp.tls.enabled", () -> "true");
        registry.add("im.tcp.tls.port", () -> "0");
        registry.add("spring.ssl.bundle.jks.im.keystore.location", () -> "file:" + keyStore);
        registry.add("spring.ssl.bundle.jks.im.keystore.password", () -> PASSWORD);
        registry.add("spring.ssl.bundle.jks.im.keystore.type", () -> "PKCS12");
    }

    /** A client context that accepts any certificate: for tests that look at the certificate themselves. */
    public static SSLContext trustingAnything() throws Exception {
        return ClientTls.context(null, null, true);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool: %s", output).isZero();
    }
}
