package im.rooms;

import java.util.concurrent.CompletableFuture;

/** What {@link Rooms} tells the other nodes of a cluster, and asks of them before a room message. */
public interface RoomsCluster {

    /** One node: nobody to tell, nothing to ask. */
    RoomsCluster NONE = new RoomsCluster() {
        @Override
        public CompletableFuture<Void> changed(String roomKey, String user, String event) {
            return DONE;
        }

        @Override
        public CompletableFuture<Void> current(String roomKey) {
            return DONE;
        }
    };

    CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /**
     * {@code user} joined or left the room ({@code event}: the line its members get). Called under
     * the rooms lock, so it only queues the work; completes once every node's next message to the
     * room takes the change into account (or once that could not be arranged), and never fails.
     */
    CompletableFuture<Void> changed(String roomKey, String user, String event);

    /**
     * Completes once this node's copy of the room holds every change another node had finished
     * when this was called ({@link #DONE} when it has nothing to wait for); never fails.
     */
    CompletableFuture<Void> current(String roomKey);
}
