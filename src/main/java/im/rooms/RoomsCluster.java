package im.rooms;

/**
 * What {@link Rooms} tells the other nodes of a cluster. Called under the rooms lock, so an
 * implementation only queues the work and never blocks.
 */
public interface RoomsCluster {

    /** One node: nobody to tell. */
    RoomsCluster NONE = (roomKey, user, event) -> {
    };

    /** {@code user} joined or left the room ({@code event}: the line its members get). */
    void changed(String roomKey, String user, String event);
}
