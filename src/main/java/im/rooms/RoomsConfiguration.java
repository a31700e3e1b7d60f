package im.rooms;

import im.inbox.Inbox;
import im.presence.Presence;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires rooms over the JDBC store ({@code spring.datasource.url}: a SQLite file by default). */
@Configuration(proxyBeanMethods = false)
class RoomsConfiguration {

    @Bean
    RoomStore roomStore(JdbcClient jdbc, TransactionTemplate transactions) {
        return new JdbcRoomStore(jdbc, transactions);
    }

    @Bean
    Rooms rooms(RoomStore store, Presence presence, Inbox inbox, RoomsProperties limits) {
        return new Rooms(store, presence, inbox, limits);
    }
}
