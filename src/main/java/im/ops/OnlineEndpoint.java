package im.ops;

import im.presence.Presence;
import im.transport.tcp.ClientConnections;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/** {@code /actuator/online}: who is on the server right now, in three numbers. */
@Component
@Endpoint(id = "online")
class OnlineEndpoint {

    private final Presence presence;
    private final ClientConnections connections;

    OnlineEndpoint(Presence presence, ClientConnections connections) {
        this.presence = presence;
        this.connections = connections;
    }

    @ReadOperation
    Online online() {
        return new Online(presence.userCount(), presence.sessionCount(), connections.openConnections());
    }

    /** Users with a logged-in session, logged-in sessions, and open connections. */
    record Online(int users, int sessions, int connections) {
    }
}
