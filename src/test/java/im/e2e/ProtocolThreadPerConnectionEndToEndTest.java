package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.test.context.TestPropertySource;

/** {@link ProtocolEndToEndTest} again with a reader thread per connection instead of the event loop. */
@TestPropertySource(properties = "im.tcp.event-loops=0")
class ProtocolThreadPerConnectionEndToEndTest extends ProtocolEndToEndTest {

    @Autowired
    @Qualifier("imConnectionFactory")
    private AbstractServerConnectionFactory factory;

    @Test
    void theListenerReallyHasAThreadPerConnection() {
        assertThat(factory).isInstanceOf(TcpNetServerConnectionFactory.class);
    }
}
