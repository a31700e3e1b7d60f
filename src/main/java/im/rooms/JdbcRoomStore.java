package im.rooms;

import im.auth.UserNames;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link RoomStore} over JDBC (schema: db/migration, applied by Flyway at startup). */
public class JdbcRoomStore implements RoomStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcRoomStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public List<StoredRoom> loadAll() {
        Map<String, List<String>> members = new LinkedHashMap<>();
        jdbc.sql("select r.name, m.user_name from room r join room_member m on m.room_key = r.room_key"
                        + " order by r.room_key, m.user_key")
                .query((row, n) -> members.computeIfAbsent(row.getString(1), k -> new ArrayList<>())
                        .add(row.getString(2)))
                .list();
        return members.entrySet().stream().map(e -> new StoredRoom(e.getKey(), e.getValue())).toList();
    }

    @Override
    public void join(String room, String user) {
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        transactions.executeWithoutResult(status -> {
            String key = RoomNames.key(room);
            // Plain SQL that H2 and PostgreSQL both run: insert unless there.
            jdbc.sql("insert into room (room_key, name, created) select ?, ?, ? where not exists"
                    + " (select 1 from room where room_key = ?)").params(key, room, now, key).update();
            String userKey = UserNames.key(user);
            jdbc.sql("insert into room_member (room_key, user_key, user_name, joined) select ?, ?, ?, ?"
                    + " where not exists (select 1 from room_member where room_key = ? and user_key = ?)")
                    .params(key, userKey, user, now, key, userKey).update();
        });
    }

    @Override
    public void leave(String room, String user) {
        transactions.executeWithoutResult(status -> {
            String key = RoomNames.key(room);
            jdbc.sql("delete from room_member where room_key = ? and user_key = ?")
                    .params(key, UserNames.key(user)).update();
            jdbc.sql("delete from room where room_key = ? and not exists"
                    + " (select 1 from room_member where room_key = ?)").params(key, key).update();
        });
    }
}
