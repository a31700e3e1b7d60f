package im.transport.tcp;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.messaging.MessageChannel;

/**
 * One listening socket: its connection factory, and the channel its connections' output goes
 * out through. {@link TcpListenerFlows} gives every listener the same two flows, so a listener's
 * configuration declares only what differs: its factory.
 */
record TcpListener(AbstractServerConnectionFactory factory, boolean tls, MessageChannel outbound) {

    TcpListener(AbstractServerConnectionFactory factory, boolean tls) {
        this(factory, tls, new DirectChannel());
    }

    String name() {
        return factory.getComponentName();
    }
}
