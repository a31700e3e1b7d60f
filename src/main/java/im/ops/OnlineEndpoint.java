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
        return new Online(presence.userCount(), presence.sessionCount(), connections.openConnections(),
                new Cluster(presence.clusterUserCount(), presence.clusterSessionCount()));
    }

    /**
     * This node's users with a logged-in session, logged-in sessions and open connections, and
     * the users and sessions of the whole cluster (this node's on one node).
     */
    record Online(int users, int sessions, int connections, Cluster cluster) {
    }

    record Cluster(int users, int sessions) {
    }
}
