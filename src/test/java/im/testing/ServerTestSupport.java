package im.testing;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/** Base of end-to-end tests against the server started by {@link ImServerTest}: its TCP port. */
@ImServerTest
public abstract class ServerTestSupport {

    @Autowired
    @Qualifier("imConnectionFactory")
    private AbstractServerConnectionFactory factory;

    protected int port;

    /** The public HTTP listener's port: the web client and /ws. */
    @Value("${local.server.port}")
    protected int webPort;

    @BeforeEach
    void findPort() {
        port = ServerPorts.tcpPort(factory);
    }
}
