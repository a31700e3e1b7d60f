package im.rooms;

import im.auth.UserNames;
import im.inbox.Inbox;
import im.inbox.store.Conversations;
import im.presence.Presence;
import im.protocol.ErrorCode;
import im.protocol.Events;
import im.protocol.RequestRejected;
import im.session.Session;
import im.throttle.RateLimitedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * Rooms: membership (kept in the store, and in memory for the fan-out), the room events, and
 * room messages into every member's inbox. Changes of membership, their store writes and their
 * events happen under one lock, so every member sees them in the order they happened; a room
 * message never takes that lock: it reads the room's immutable membership ({@link #views}),
 * replaced whole at each change, so the event loop that runs a SEND never waits for a store
 * write. A room ends with its last member; one made again under its name is a new room, without
 * the old one's history.
 *
 * <p>In cluster mode every node keeps the rooms in memory as here: a change made on one node is
 * told to the others ({@link RoomsCluster}), which read that room again from the store they share
 * and announce the change to their own sessions; each node also reads every room again now and
 * then ({@link #reloadAll}), which repairs what a lost notice left behind.
 */
public class Rooms {

    private static final RateLimitedLog refusals =
            new RateLimitedLog(LoggerFactory.getLogger(Rooms.class), Duration.ofSeconds(10));

    private final RoomStore store;
    private final Presence presence;
    private final Inbox inbox;
    private final RoomsProperties limits;
    private final Object lock = new Object();
    /** User key → rooms the user is in; under {@link #lock}. */
    private final Map<String, Integer> roomsOfUser = new HashMap<>();
    /** Room key → the room; under {@link #lock}. TreeMap: ROOMS lists them sorted. */
    private final Map<String, Room> rooms = new TreeMap<>();
    /** Room key → what a message to it needs, immutable; replaced under {@link #lock}, read without it. */
    private final Map<String, RoomView> views = new ConcurrentHashMap<>();
    private volatile RoomsCluster cluster = RoomsCluster.NONE;

    /** A room as a message sees it: its name, its conversation, its members' keys. */
    private record RoomView(String name, String conversation, Set<String> memberKeys, List<String> members) {
    }

    /**
     * A room's name as first written, its conversation (its messages: this room, not an
     * earlier one of the same name), and member key → member name as registered.
     */
    private record Room(String name, long createdMillis, Map<String, String> members) {

        Room(String name, long createdMillis) {
            this(name, createdMillis, new TreeMap<>());
        }

        String conversation() {
            return Conversations.room(RoomNames.key(name), createdMillis);
        }
    }

    public Rooms(RoomStore store, Presence presence, Inbox inbox, RoomsProperties limits) {
        this.limits = limits;
        this.store = store;
        this.presence = presence;
        this.inbox = inbox;
        for (RoomStore.StoredRoom stored : store.loadAll()) {
            adopt(RoomNames.key(stored.name()), stored);
        }
    }

    /** Cluster mode: tells {@code cluster} of every change made here from now on. */
    public void joinCluster(RoomsCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Cluster mode: another node changed a room ({@code user} joined or left it): reads it again
     * from the store and tells this node's sessions of its members {@code event}.
     */
    public void changedElsewhere(String roomKey, String user, String event) {
        // Read under the lock, as joins and leaves write under it: a read made before one of this
        // node's own changes cannot be applied after it.
        synchronized (lock) {
            Room room = adopt(roomKey, store.load(roomKey));
            if (room != null) {
                announce(room, user, event);
            }
        }
    }

    /** Cluster mode: reads one room again, silently, since another node changed it. */
    public void reload(String roomKey) {
        synchronized (lock) {
            adopt(roomKey, store.load(roomKey));
        }
    }

    /** Cluster mode: reads every room again, silently, for whatever a lost notice left behind. */
    public void reloadAll() {
        synchronized (lock) {
            List<RoomStore.StoredRoom> stored = store.loadAll();
            Map<String, RoomStore.StoredRoom> byKey = new HashMap<>();
            stored.forEach(room -> byKey.put(RoomNames.key(room.name()), room));
            for (String key : List.copyOf(rooms.keySet())) {
                if (!byKey.containsKey(key)) {
                    adopt(key, null);
                }
            }
            byKey.forEach(this::adopt);
        }
    }

    /**
     * Makes the room what the store holds ({@code stored}; null: gone), keeping every user's
     * count of rooms right; returns the room, or null. Under {@link #lock} (or at construction).
     */
    private Room adopt(String key, RoomStore.StoredRoom stored) {
        Room old = rooms.get(key);
        Map<String, String> before = old == null ? Map.of() : old.members();
        Room now = stored == null || stored.members().isEmpty() ? null : new Room(stored.name(), stored.createdMillis());
        if (now != null) {
            stored.members().forEach(member -> now.members().put(UserNames.key(member), member));
        }
        Map<String, String> after = now == null ? Map.of() : now.members();
        before.keySet().stream().filter(member -> !after.containsKey(member)).forEach(member ->
                roomsOfUser.computeIfPresent(member, (k, count) -> count <= 1 ? null : count - 1));
        after.keySet().stream().filter(member -> !before.containsKey(member)).forEach(member ->
                roomsOfUser.merge(member, 1, Integer::sum));
        if (now == null) {
            rooms.remove(key);
            views.remove(key);
        } else {
            rooms.put(key, now);
            publish(now);
        }
        return now;
    }

    /** Makes a room's current membership the one its messages go to; under {@link #lock} (or at construction). */
    private void publish(Room room) {
        String key = RoomNames.key(room.name());
        if (room.members().isEmpty()) {
            views.remove(key);
        } else {
            List<String> members = List.copyOf(room.members().keySet());
            views.put(key, new RoomView(room.name(), room.conversation(), Set.copyOf(members), members));
        }
    }

    /** Joins the session's user to a room, creating it; returns the room's name as first written. */
    public String join(Session session, String name) {
        if (!RoomNames.isValid(name)) {
            throw new RequestRejected(ErrorCode.INVALID_ROOM, RoomNames.RULE);
        }
        String user = session.user();
        Changed joined;
        synchronized (lock) {
            Room room = rooms.get(RoomNames.key(name));
            if (room != null && room.members().containsKey(UserNames.key(user))) {
                return room.name();
            }
            if (roomsOfUser.getOrDefault(UserNames.key(user), 0) >= limits.maxPerUser()) {
                throw new RequestRejected(ErrorCode.TOO_MANY_ROOMS, "you are in " + limits.maxPerUser()
                        + " rooms, the most there may be; leave one first");
            }
            if (room == null && rooms.size() >= limits.maxRooms()) {
                throw new RequestRejected(ErrorCode.TOO_MANY_ROOMS, "this server has " + limits.maxRooms()
                        + " rooms, the most there may be");
            }
            if (room == null) {
                long now = System.currentTimeMillis();
                long created = storedReturning(() -> store.join(name, now, user));
                // Another node may have made it first (cluster mode): then it is that room.
                room = created == now ? new Room(name, now) : adopt(RoomNames.key(name), store.load(name));
                if (room == null) {
                    throw new RequestRejected(ErrorCode.STORE_UNAVAILABLE, "the room changed as you joined; try again");
                }
                rooms.put(RoomNames.key(name), room);
            } else {
                Room existing = room;
                stored(() -> store.join(existing.name(), 0, user));
            }
            if (room.members().put(UserNames.key(user), user) == null) {
                roomsOfUser.merge(UserNames.key(user), 1, Integer::sum);
            }
            joined = changed(room, user, Events.roomJoined(room.name(), user));
        }
        return joined.toldElsewhere();
    }

    /** Takes the session's user out of a room; the last one out ends it. */
    public String leave(Session session, String name) {
        String user = session.user();
        Changed left;
        synchronized (lock) {
            Room room = memberOf(user, name);
            stored(() -> store.leave(room.name(), user));
            room.members().remove(UserNames.key(user));
            roomsOfUser.computeIfPresent(UserNames.key(user), (k, count) -> count <= 1 ? null : count - 1);
            if (room.members().isEmpty()) {
                rooms.remove(RoomNames.key(name));
            }
            left = changed(room, user, Events.roomLeft(room.name(), user));
        }
        return left.toldElsewhere();
    }

    /** After a stored change, under {@link #lock}: the room's messages go by it, and its members hear of it. */
    private Changed changed(Room room, String user, String event) {
        publish(room);
        announce(room, user, event);
        return new Changed(room.name(), cluster.changed(RoomNames.key(room.name()), user, event));
    }

    /** A change made here, and the other nodes' learning of it. */
    private record Changed(String roomName, CompletableFuture<Void> told) {

        /**
         * Waits, outside the lock, until the other nodes' next messages to the room take the
         * change into account, so that a message sent anywhere after this reply reaches a new
         * member; returns the room's name.
         */
        String toldElsewhere() {
            told.join();
            return roomName;
        }
    }

    /** A membership write; one the store refuses (a full disk, a database gone) is STORE_UNAVAILABLE. */
    private static void stored(Runnable write) {
        storedReturning(() -> {
            write.run();
            return 0L;
        });
    }

    private static long storedReturning(LongSupplier write) {
        try {
            return write.getAsLong();
        } catch (RuntimeException refused) {
            refusals.error("The room store refused a write", refused);
            throw new RequestRejected(ErrorCode.STORE_UNAVAILABLE, "rooms cannot be changed now; messages still work");
        }
    }

    /** The keys of every user who is in a room. */
    public Set<String> memberKeys() {
        synchronized (lock) {
            return Set.copyOf(roomsOfUser.keySet());
        }
    }

    /** Every room as {@code #room:<members>}, sorted ignoring case. */
    public List<String> list() {
        synchronized (lock) {
            return rooms.values().stream().map(room -> room.name() + ":" + room.members().size()).toList();
        }
    }

    /** The room's name, then its members, sorted ignoring case. */
    public List<String> members(String name) {
        synchronized (lock) {
            Room room = rooms.get(RoomNames.key(name));
            if (room == null) {
                throw new RequestRejected(ErrorCode.NO_SUCH_ROOM, "no such room: " + name);
            }
            List<String> result = new ArrayList<>();
            result.add(room.name());
            result.addAll(room.members().values());
            return result;
        }
    }

    /**
     * Posts to every member's inbox; completes once stored with {@code then} of the room's name
     * and the id (made as it is stored: no completion stage of its own). Takes no lock: it may run
     * on the event loop. In cluster mode it first makes sure this node knows every change other
     * nodes made to the room before.
     */
    public <T> CompletableFuture<T> send(Session from, String name, String text, Function<Sent, T> then) {
        CompletableFuture<Void> current = cluster.current(RoomNames.key(name));
        if (current.isDone()) {
            return sendNow(from, name, text, then);
        }
        return current.thenCompose(ignored -> sendNow(from, name, text, then));
    }

    private <T> CompletableFuture<T> sendNow(Session from, String name, String text, Function<Sent, T> then) {
        RoomView room = views.get(RoomNames.key(name));
        if (room == null) {
            throw new RequestRejected(ErrorCode.NO_SUCH_ROOM, "no such room: " + name);
        }
        if (!room.memberKeys().contains(from.userKey())) {
            throw new RequestRejected(ErrorCode.NOT_IN_ROOM, "join " + room.name() + " first");
        }
        String roomName = room.name();
        return inbox.post(Inbox.Draft.room(from, room.conversation(), roomName, text, room.members()),
                message -> then.apply(new Sent(roomName, message.id())));
    }

    /** The conversation key of a room the user is in (HISTORY); NOT_IN_ROOM otherwise. */
    public String conversationOf(String user, String name) {
        synchronized (lock) {
            return memberOf(user, name).conversation();
        }
    }

    /** What {@code OK SENT #room <id>} reports. */
    public record Sent(String room, String id) {
    }

    private Room memberOf(String user, String name) {
        Room room = rooms.get(RoomNames.key(name));
        if (room == null || !room.members().containsKey(UserNames.key(user))) {
            throw new RequestRejected(ErrorCode.NOT_IN_ROOM, "you are not in " + name);
        }
        return room;
    }

    private void announce(Room room, String user, String event) {
        for (String member : room.members().values()) {
            if (!UserNames.key(member).equals(UserNames.key(user))) {
                presence.sessionsOf(member).forEach(session -> session.send(event));
            }
        }
    }
}
