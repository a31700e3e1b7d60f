package im.transport.tcp;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.messaging.MessageChannel;

/** One listening socket: its connection factory, and the channel its connections' output goes out through. */
record TcpListener(AbstractServerConnectionFactory factory, MessageChannel outbound, boolean tls) {

    String name() {
        return factory.getComponentName();
    }
}
