package im.testing;

import com.zaxxer.hikari.HikariDataSource;
import im.database.SqliteDataSource;
import im.inbox.store.BatchLogMessageStore;
import im.inbox.store.MessageStore;
import im.rooms.JdbcRoomStore;
import im.rooms.RoomStore;
import im.tokens.JdbcTokenStore;
import im.tokens.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real database with the server's schema, for store and service tests: a SQLite file in a
 * temp folder (with the inbox's batches in files beside it, as the server keeps them by
 * default, or in its table), or a schema of its own in the PostgreSQL that
 * {@code IM_TEST_POSTGRES_URL} names (.ci/run starts one), dropped at close.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String POSTGRES_URL_VARIABLE = "IM_TEST_POSTGRES_URL";

    private final HikariDataSource dataSource;
    private final String url;
    private final String dropSchema;
    /** Where message stores keep their batches; null for the database's table. */
    private final Path batchFolder;
    private final List<MessageStore> stores = new ArrayList<>();

    private TestDatabase(String url, String user, String schema, String dropSchema, Path batchFolder) {
        this.dataSource = new HikariDataSource();
        this.url = url;
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setMaximumPoolSize(4);
        SqliteDataSource.prepare(dataSource);
        this.dropSchema = dropSchema;
        this.batchFolder = batchFolder;
        // The server's locations: every database's migrations, then those of its kind.
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration",
                "classpath:db/" + (url.startsWith("jdbc:postgresql:") ? "postgresql" : "sqlite"));
        (schema == null ? flyway : flyway.schemas(schema)).load().migrate();
    }

    /** SQLite, with message batches in files beside it, as the server keeps them by default. */
    public static TestDatabase sqlite(Path dir) {
        return sqlite(dir, true);
    }

    /** SQLite, with message batches in files beside it ({@code dir/inbox}) if {@code batchFiles}. */
    public static TestDatabase sqlite(Path dir, boolean batchFiles) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestDatabase(sqliteUrl(dir.resolve("im.db")), null, null, null,
                batchFiles ? dir.resolve("inbox") : null);
    }

    /** The URL of a SQLite file (its settings come with the data source, as in the server). */
    public static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** A fresh schema in the test PostgreSQL; null when none is configured. */
    public static TestDatabase postgres() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return null;
        }
        return postgres(url);
    }

    /** A fresh schema in the PostgreSQL at {@code url}. */
    public static TestDatabase postgres(String url) {
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "");
        String withSchema = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(withSchema, null, schema, "drop schema " + schema + " cascade", null);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Its JDBC URL (for PostgreSQL, naming its schema), for servers started on it. */
    public String url() {
        return url;
    }

    /** A store over this database (a new one, as after a restart); closed with the database. */
    public MessageStore messageStore() {
        MessageStore store = batchFolder == null ? new BatchLogMessageStore(new JdbcTemplate(dataSource), transactions())
                : BatchLogMessageStore.withBatchFiles(new JdbcTemplate(dataSource), transactions(), batchFolder, 1 << 20,
                        Duration.ofSeconds(1));
        stores.add(store);
        return store;
    }

    /** A store as one node of a cluster opens it: the batches shared with every other such store. */
    public MessageStore sharedMessageStore() {
        MessageStore store = BatchLogMessageStore.shared(new JdbcTemplate(dataSource), transactions());
        stores.add(store);
        return store;
    }

    public RoomStore roomStore() {
        return new JdbcRoomStore(JdbcClient.create(dataSource), transactions());
    }

    public TokenStore tokenStore() {
        return new JdbcTokenStore(JdbcClient.create(dataSource), transactions());
    }

    private TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public void close() {
        stores.forEach(MessageStore::close);
        if (dropSchema != null) {
            new JdbcTemplate(dataSource).execute(dropSchema);
        }
        dataSource.close();
    }
}
