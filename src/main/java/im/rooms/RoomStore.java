package im.rooms;

import java.util.List;

/**
 * Where room membership is kept, durably: the SQLite database by default, PostgreSQL by a
 * JDBC URL (shared by every node in cluster mode). Called on command threads only, never on
 * socket threads.
 */
public interface RoomStore {

    /** A room as stored: its name as first written, when it was made, its members' names. */
    record StoredRoom(String name, long createdMillis, List<String> members) {
    }

    List<StoredRoom> loadAll();

    /** One room as stored now, or null if it does not exist (its last member left). */
    StoredRoom load(String room);

    /**
     * Adds a member, creating the room (made at {@code createdMillis}) if it is new; returns
     * when the room was made as stored (another node's, if it made the room first).
     */
    long join(String room, long createdMillis, String user);

    /** Removes a member, and the room with its last one. */
    void leave(String room, String user);
}
