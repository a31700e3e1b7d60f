package im.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseFolderTest {

    @Test
    void findsTheFileOfASqliteUrlWithOrWithoutOptions() {
        assertThat(DatabaseFolder.sqliteFile("jdbc:sqlite:./data/im.db?journal_mode=WAL&foreign_keys=on"))
                .isEqualTo(Path.of("data/im.db").toAbsolutePath());
        assertThat(DatabaseFolder.sqliteFile("jdbc:sqlite:/srv/im/im.db")).isEqualTo(Path.of("/srv/im/im.db"));
        assertThat(DatabaseFolder.sqliteFile("jdbc:sqlite:file:/srv/im/im.db?cache=private"))
                .isEqualTo(Path.of("/srv/im/im.db"));
    }

    @Test
    void leavesOtherDatabasesAndInMemoryOnesAlone() {
        assertThat(DatabaseFolder.sqliteFile("jdbc:postgresql://localhost:5432/im")).isNull();
        assertThat(DatabaseFolder.sqliteFile("jdbc:sqlite::memory:")).isNull();
        assertThat(DatabaseFolder.sqliteFile("jdbc:sqlite:file:im?mode=memory&cache=shared")).isNull();
    }
}
