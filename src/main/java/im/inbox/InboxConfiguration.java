package im.inbox;

import im.presence.Presence;
import im.system.LimitsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the inbox over the JDBC store ({@code spring.datasource.url}: the embedded SQLite file by default). */
@Configuration(proxyBeanMethods = false)
class InboxConfiguration {

    @Bean
    MessageStore messageStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new JdbcMessageStore(jdbc, transactions);
    }

    @Bean
    Inbox inbox(MessageStore store, Presence presence, InboxProperties settings, LimitsProperties limits,
            MeterRegistry meters) {
        return new Inbox(store, presence, settings, limits, Clock.systemUTC(), meters);
    }
}
