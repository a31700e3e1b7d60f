package im.rooms;

import java.util.List;

/**
 * Where room membership is kept, durably: the SQLite database by default, PostgreSQL by a
 * JDBC URL. Called on command threads only, never on socket threads.
 */
public interface RoomStore {

    /** A room as stored: its name as first written, when it was made, its members' names. */
    record StoredRoom(String name, long createdMillis, List<String> members) {
    }

    List<StoredRoom> loadAll();

    /** Adds a member, creating the room (made at {@code createdMillis}) if it is new. */
    void join(String room, long createdMillis, String user);

    /** Removes a member, and the room with its last one. */
    void leave(String room, String user);
}
