package im.rooms;

import java.util.List;

/**
 * Where room membership is kept, durably: the embedded database by default, PostgreSQL by a
 * JDBC URL. Called on command threads only, never on socket threads.
 */
public interface RoomStore {

    /** A room with its members as stored (names as first written). */
    record StoredRoom(String name, List<String> members) {
    }

    List<StoredRoom> loadAll();

    /** Adds a member, creating the room if it is new. */
    void join(String room, String user);

    /** Removes a member, and the room with its last one. */
    void leave(String room, String user);
}
