package im.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.StoreDatabases;
import im.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Room membership's SQL, on SQLite and on PostgreSQL. */
class JdbcRoomStoreTest {

    @TempDir
    Path dir;

    @AutoClose
    private TestDatabase database;

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void membershipIsKeptWithNamesAsFirstWrittenAndTheLastMemberEndsTheRoom(String kind) {
        database = StoreDatabases.open(kind, dir);
        RoomStore store = database.roomStore();
        store.join("#Chat", 1000, "alice");
        store.join("#Chat", 2000, "Bob");
        store.join("#Chat", 3000, "alice");
        store.join("#other", 4000, "alice");
        assertThat(database.roomStore().loadAll()).containsExactly(
                new RoomStore.StoredRoom("#Chat", 1000, List.of("alice", "Bob")),
                new RoomStore.StoredRoom("#other", 4000, List.of("alice")));
        store.leave("#Chat", "alice");
        store.leave("#other", "alice");
        assertThat(database.roomStore().loadAll()).containsExactly(
                new RoomStore.StoredRoom("#Chat", 1000, List.of("Bob")));
    }
}
