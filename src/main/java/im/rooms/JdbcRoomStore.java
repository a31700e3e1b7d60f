package im.rooms;

import im.auth.UserNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link RoomStore} over JDBC, in SQL that SQLite and PostgreSQL both run (schema: db/migration). */
public class JdbcRoomStore implements RoomStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcRoomStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public List<StoredRoom> loadAll() {
        LinkedHashMap<String, StoredRoom> rooms = new LinkedHashMap<>();
        jdbc.sql("select r.name, r.created, m.user_name from room r join room_member m on m.room_key = r.room_key"
                        + " order by r.room_key, m.user_key")
                .query(row -> {
                    String name = row.getString(1);
                    long created = row.getLong(2);
                    rooms.computeIfAbsent(name, k -> new StoredRoom(name, created, new ArrayList<>()))
                            .members().add(row.getString(3));
                });
        return List.copyOf(rooms.values());
    }

    @Override
    public StoredRoom load(String room) {
        List<StoredRoom> found = new ArrayList<>();
        jdbc.sql("select r.name, r.created, m.user_name from room r join room_member m on m.room_key = r.room_key"
                        + " where r.room_key = ? order by m.user_key")
                .param(RoomNames.key(room))
                .query(row -> {
                    if (found.isEmpty()) {
                        found.add(new StoredRoom(row.getString(1), row.getLong(2), new ArrayList<>()));
                    }
                    found.get(0).members().add(row.getString(3));
                });
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public long join(String room, long createdMillis, String user) {
        long now = System.currentTimeMillis();
        return transactions.execute(status -> {
            String key = RoomNames.key(room);
            // Insert unless there: plain SQL that both databases run.
            jdbc.sql("insert into room (room_key, name, created) select ?, ?, ? where not exists"
                    + " (select 1 from room where room_key = ?)").params(key, room, createdMillis, key).update();
            String userKey = UserNames.key(user);
            jdbc.sql("insert into room_member (room_key, user_key, user_name, joined) select ?, ?, ?, ?"
                    + " where not exists (select 1 from room_member where room_key = ? and user_key = ?)")
                    .params(key, userKey, user, now, key, userKey).update();
            return jdbc.sql("select created from room where room_key = ?").param(key).query(Long.class).single();
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
