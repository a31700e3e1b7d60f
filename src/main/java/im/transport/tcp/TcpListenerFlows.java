package im.transport.tcp;

import java.util.List;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;

/**
 * The two flows of every TCP listener: inbound, each framed line to its connection; outbound,
 * the outboxes' batches to the connection named in their {@code ip_connectionId} header. They
 * are registered without starting: the application context starts them with everything else,
 * so no listener accepts a connection before the services are ready.
 */
final class TcpListenerFlows {

    TcpListenerFlows(List<TcpListener> listeners, ClientConnections connections, IntegrationFlowContext flows) {
        for (TcpListener listener : listeners) {
            IntegrationFlow inbound = IntegrationFlow.from(Tcp.inboundAdapter(listener.factory()))
                    .handle(message -> connections.received(
                            message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class), message.getPayload()))
                    .get();
            IntegrationFlow outbound = IntegrationFlow.from(listener.outbound())
                    .handle(Tcp.outboundAdapter(listener.factory()))
                    .get();
            flows.registration(inbound).id(listener.name() + ".inbound").autoStartup(false).register();
            flows.registration(outbound).id(listener.name() + ".outbound").autoStartup(false).register();
        }
    }
}
