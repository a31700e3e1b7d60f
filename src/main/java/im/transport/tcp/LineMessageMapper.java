package im.transport.tcp;

import java.util.Map;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * Makes each inbound line a message with the one header our flow reads, the connection id.
 * The stock mapper adds host name, address, ports and more, and copies them through a message
 * builder for every line: in the profile that copying led the per-message cost. Nothing reads
 * a line's message id or timestamp either, so it gets neither (a clock read and an id per line).
 */
final class LineMessageMapper extends TcpMessageMapper {

    @Override
    public Message<?> toMessage(TcpConnection connection, Map<String, Object> headers) {
        Object payload = connection.getPayload();
        return payload == null ? null : new GenericMessage<>(payload, new LineHeaders(connection.getConnectionId()));
    }

    /** The connection id alone: {@code MessageHeaders} leaves out the id and timestamp when told to. */
    private static final class LineHeaders extends MessageHeaders {

        LineHeaders(String connectionId) {
            super(Map.of(IpHeaders.CONNECTION_ID, connectionId), ID_VALUE_NONE, -1L);
        }
    }
}
