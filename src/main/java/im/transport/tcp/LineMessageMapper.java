package im.transport.tcp;

import java.util.Map;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * Makes each inbound line a message with the one header our flow reads, the connection id,
 * in headers made once per connection ({@link ConnectionHeaders}). The stock mapper adds host
 * name, address, ports and more, and copies them through a message builder for every line: in
 * the profile that copying led the per-message cost.
 */
final class LineMessageMapper extends TcpMessageMapper {

    @Override
    public Message<?> toMessage(TcpConnection connection, Map<String, Object> headers) {
        Object payload = connection.getPayload();
        // Only the Net factories use this mapper, and they make only LineConnections (LineConnection.Support).
        return payload == null ? null : new GenericMessage<>(payload, ((LineConnection) connection).headers());
    }
}
