package im.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import im.inbox.Inbox;
import im.presence.Presence;
import im.session.Session;
import im.testing.RecordingOutbound;
import im.testing.TestDatabase;
import im.testing.TestLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rooms over the real SQLite store: a room message never waits for a membership write. */
class RoomsTest {

    @TempDir
    Path dir;

    @Test
    void aRoomMessageGoesOutWhileAJoinIsWritingItsRow() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Presence presence = new Presence(TestLimits.presence(), meters);
        try (TestDatabase database = TestDatabase.sqlite(dir)) {
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RoomStore real = database.roomStore();
            // The real store, held up inside one join's write, as a slow disk or a remote database would.
            RoomStore slowForCarol = new RoomStore() {
                @Override
                public List<StoredRoom> loadAll() {
                    return real.loadAll();
                }

                @Override
                public StoredRoom load(String room) {
                    return real.load(room);
                }

                @Override
                public long join(String room, long createdMillis, String user) {
                    if (user.equals("carol")) {
                        writing.countDown();
                        await(release);
                    }
                    return real.join(room, createdMillis, user);
                }

                @Override
                public void leave(String room, String user) {
                    real.leave(room, user);
                }
            };
            Inbox inbox = new Inbox(database.messageStore(), presence, TestLimits.inbox(), TestLimits.connection(),
                    true, Clock.systemUTC(), meters);
            try {
                Rooms rooms = new Rooms(slowForCarol, presence, inbox, new RoomsProperties(10_000, 100));
                Session alice = loggedIn(presence, "alice");
                Session carol = loggedIn(presence, "carol");
                rooms.join(alice, "#team");
                CompletableFuture<String> carolJoins = CompletableFuture.supplyAsync(() -> rooms.join(carol, "#team"));
                assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
                CompletableFuture<String> sent = rooms.send(alice, "#team", "while carol joins", Rooms.Sent::id);
                assertThat(sent.get(10, TimeUnit.SECONDS)).isNotBlank();
                assertThat(carolJoins).isNotDone();
                release.countDown();
                assertThat(carolJoins.get(10, TimeUnit.SECONDS)).isEqualTo("#team");
                assertThat(rooms.send(carol, "#team", "joined", Rooms.Sent::id).get(10, TimeUnit.SECONDS)).isNotBlank();
            } finally {
                release.countDown();
                inbox.close();
            }
        }
    }

    private static Session loggedIn(Presence presence, String name) {
        Session session = RecordingOutbound.session(name + System.nanoTime());
        presence.login(session, name, Session.DEFAULT_DEVICE);
        return session;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
