package im.database;

import com.zaxxer.hikari.HikariDataSource;
import im.process.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Readies a data source on a SQLite file before its first connection, whatever path its URL
 * names: makes the file's folder (SQLite creates the file, not its folder), gives the driver
 * the settings the store relies on, and says so when the folder still holds the H2 store of an
 * earlier version, which is not read any more. Options in the URL itself win over these.
 */
@Component
public class SqliteDataSource implements BeanPostProcessor {

    /**
     * WAL with synchronous=NORMAL: a commit is in the file before its OK, so a killed server
     * loses nothing it acknowledged (a power cut may lose the last commits: no fsync each).
     * SQLite enforces the schema's references and cascades only with foreign_keys; busy_timeout
     * lets the inbox writer and a room change wait for the one write lock instead of failing.
     * Without jdbc.get_generated_keys the driver runs a query after every insert for keys
     * nobody reads. wal_autocheckpoint=100 pages instead of 1,000: the checkpoint runs in the
     * committing thread, which meanwhile stores nothing, so smaller ones keep the latency tail
     * short (docs/performance-log.md has the figures).
     */
    static final Map<String, String> SETTINGS = Map.of("journal_mode", "WAL", "synchronous", "NORMAL",
            "wal_autocheckpoint", "100", "foreign_keys", "true", "busy_timeout", "10000",
            "jdbc.get_generated_keys", "false");

    private static final Logger log = LoggerFactory.getLogger(SqliteDataSource.class);
    private static final String SQLITE = "jdbc:sqlite:";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource) {
            prepare(dataSource);
        }
        return bean;
    }

    /** Does the above to {@code dataSource} if its URL is SQLite's; leaves any other alone. */
    public static void prepare(HikariDataSource dataSource) {
        String url = dataSource.getJdbcUrl();
        if (url == null || !url.startsWith(SQLITE)) {
            return;
        }
        SETTINGS.forEach(dataSource::addDataSourceProperty);
        Path file = sqliteFile(url);
        if (file != null && file.getParent() != null) {
            createFolder(file.getParent());
        }
    }

    /** The file a SQLite URL names; null for another database or one in memory. */
    public static Path sqliteFile(String url) {
        if (!url.startsWith(SQLITE)) {
            return null;
        }
        String name = url.substring(SQLITE.length());
        int options = name.indexOf('?');
        boolean inMemory = name.contains(":memory:") || options >= 0 && name.substring(options).contains("mode=memory");
        name = options >= 0 ? name.substring(0, options) : name;
        name = name.startsWith("file:") ? name.substring("file:".length()) : name;
        return inMemory || name.isEmpty() ? null : Path.of(name).toAbsolutePath().normalize();
    }

    private static void createFolder(Path folder) {
        try {
            OwnerOnly.folders(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the database folder " + folder, e);
        }
        if (Files.exists(folder.resolve("im.mv.db"))) {
            log.warn("{} holds an H2 store (im.mv.db) of an earlier version; this version keeps its data in SQLite"
                    + " and does not read it", folder);
        }
    }
}
