package im.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.sqlite.SQLiteConnection;

@ExtendWith(OutputCaptureExtension.class)
class SqliteDataSourceTest {

    @TempDir
    Path dir;

    @Test
    void findsTheFileOfASqliteUrlWithOrWithoutOptions() {
        assertThat(SqliteDataSource.sqliteFile("jdbc:sqlite:./data/im.db?journal_mode=WAL&foreign_keys=on"))
                .isEqualTo(Path.of("data/im.db").toAbsolutePath());
        assertThat(SqliteDataSource.sqliteFile("jdbc:sqlite:/srv/im/im.db")).isEqualTo(Path.of("/srv/im/im.db"));
        assertThat(SqliteDataSource.sqliteFile("jdbc:sqlite:file:/srv/im/im.db?cache=private"))
                .isEqualTo(Path.of("/srv/im/im.db"));
    }

    @Test
    void leavesOtherDatabasesAndInMemoryOnesAlone() {
        assertThat(SqliteDataSource.sqliteFile("jdbc:postgresql://localhost:5432/im")).isNull();
        assertThat(SqliteDataSource.sqliteFile("jdbc:sqlite::memory:")).isNull();
        assertThat(SqliteDataSource.sqliteFile("jdbc:sqlite:file:im?mode=memory&cache=shared")).isNull();
    }

    @Test
    void makesTheFolderBeforeTheFirstConnectionAndPointsOutAnOldH2Store(CapturedOutput output) throws Exception {
        Path folder = dir.resolve("data/nested");
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl("jdbc:sqlite:" + folder.resolve("im.db") + "?journal_mode=WAL");
            new SqliteDataSource().postProcessBeforeInitialization(dataSource, "dataSource");
            assertThat(folder).isDirectory();
            assertThat(output).doesNotContain("H2 store");

            Files.createFile(folder.resolve("im.mv.db"));
            new SqliteDataSource().postProcessBeforeInitialization(dataSource, "dataSource");
            assertThat(output).contains(folder + " holds an H2 store (im.mv.db) of an earlier version");
            try (var connection = dataSource.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void aPlainSqliteUrlGetsTheSettingsTheStoreReliesOn() throws Exception {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl("jdbc:sqlite:" + dir.resolve("plain/im.db"));
            SqliteDataSource.prepare(dataSource);
            try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
                assertThat(pragma(statement, "journal_mode")).isEqualTo("wal");
                assertThat(pragma(statement, "synchronous")).isEqualTo("1");
                assertThat(pragma(statement, "wal_autocheckpoint")).isEqualTo("100");
                assertThat(pragma(statement, "foreign_keys")).isEqualTo("1");
                assertThat(pragma(statement, "busy_timeout")).isEqualTo("10000");
                assertThat(connection.unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys())
                        .isFalse();
            }
        }
    }

    private static String pragma(java.sql.Statement statement, String name) throws java.sql.SQLException {
        try (var result = statement.executeQuery("pragma " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
