package im.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/** The TCP port a started server listens on, once it listens. */
public final class ServerPorts {

    private ServerPorts() {
    }

    public static int tcpPort(AbstractServerConnectionFactory factory) {
        await().atMost(Duration.ofSeconds(10)).until(factory::isListening);
        return factory.getPort();
    }
}
