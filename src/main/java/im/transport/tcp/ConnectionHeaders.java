package im.transport.tcp;

import java.util.Map;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * The headers of every message to or from one connection: its id alone, made once for the
 * connection's life (headers are immutable, so its messages share them). The stock mapper and
 * {@code MessageBuilder} copied host, address, ports, an id and a timestamp into a new map for
 * every line and every outbound batch; nothing here reads any but the connection id.
 */
final class ConnectionHeaders extends MessageHeaders {

    ConnectionHeaders(String connectionId) {
        super(Map.of(IpHeaders.CONNECTION_ID, connectionId), ID_VALUE_NONE, -1L);
    }
}
