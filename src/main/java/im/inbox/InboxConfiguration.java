package im.inbox;

import com.zaxxer.hikari.HikariDataSource;
import im.database.SqliteDataSource;
import im.inbox.store.BatchLogMessageStore;
import im.inbox.store.MessageStore;
import im.inbox.store.StoreIdentity;
import im.presence.Presence;
import im.session.ConnectionProperties;
import im.throttle.ThrottleProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the inbox: its batches in files beside the SQLite database by default, in the database
 * itself when that is PostgreSQL ({@code im.inbox.store}, {@link InboxProperties}); cursors and
 * rooms always in the database ({@code spring.datasource.url}).
 */
@Configuration(proxyBeanMethods = false)
class InboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InboxConfiguration.class);

    @Bean
    @ConditionalOnProperty(name = "im.cluster.enabled", havingValue = "false", matchIfMissing = true)
    MessageStore messageStore(JdbcTemplate jdbc, TransactionTemplate transactions, InboxProperties settings) {
        Path folder = settings.batchFolder(SqliteDataSource.sqliteFile(jdbcUrl(jdbc.getDataSource())));
        if (folder == null) {
            log.info("Messages are stored in the database");
            return new BatchLogMessageStore(jdbc, transactions);
        }
        log.info("Messages are stored in {}", folder.toAbsolutePath().normalize());
        String url = jdbcUrl(jdbc.getDataSource());
        if (!url.startsWith("jdbc:sqlite:") || SqliteDataSource.sqliteFile(url) != null) {
            // A SQLite database in memory is new at every start by choice: nothing to match.
            StoreIdentity.check(jdbc, folder, url);
        }
        return BatchLogMessageStore.withBatchFiles(jdbc, transactions, folder, settings.segmentSize().toBytes(),
                settings.syncEvery());
    }

    @Bean
    @ConditionalOnProperty(name = "im.cluster.enabled", havingValue = "false", matchIfMissing = true)
    Inbox inbox(MessageStore store, Presence presence, InboxProperties settings, ConnectionProperties limits,
            ThrottleProperties throttle, MeterRegistry meters) {
        return new Inbox(store, presence, settings, limits, throttle.enabled(), Clock.systemUTC(), meters);
    }

    private static String jdbcUrl(DataSource dataSource) {
        try {
            return dataSource != null && dataSource.isWrapperFor(HikariDataSource.class)
                    ? dataSource.unwrap(HikariDataSource.class).getJdbcUrl() : "";
        } catch (SQLException e) {
            return "";
        }
    }
}
