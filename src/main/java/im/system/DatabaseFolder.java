package im.system;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Makes the folder of the embedded SQLite file before the first connection (SQLite creates
 * the file, not its folder), and says so when the folder still holds the H2 store of an earlier
 * version, which is not read any more.
 */
@Component
class DatabaseFolder implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(DatabaseFolder.class);
    private static final String SQLITE = "jdbc:sqlite:";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null) {
            Path file = sqliteFile(dataSource.getJdbcUrl());
            if (file != null && file.getParent() != null) {
                createFolder(file.getParent());
            }
        }
        return bean;
    }

    /** The file a SQLite URL names; null for another database or one in memory. */
    static Path sqliteFile(String url) {
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
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the database folder " + folder, e);
        }
        if (Files.exists(folder.resolve("im.mv.db"))) {
            log.warn("{} holds an H2 store (im.mv.db) of an earlier version; this version keeps its data in SQLite"
                    + " and does not read it", folder);
        }
    }
}
