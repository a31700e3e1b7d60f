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
import org.slf4j.LoggerFactory;

/**
 * Rooms: membership (kept in the store, and in memory for the fan-out), the room events, and
 * room messages into every member's inbox. Changes of membership, their store writes and their
 * events happen under one lock, so every member sees them in the order they happened; a room
 * message never takes that lock: it reads the room's immutable membership ({@link #views}),
 * replaced whole at each change, so the event loop that runs a SEND never waits for a store
 * write. A room ends with its last member; one made again under its name is a new room, without
 * the old one's history.
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
            Room room = new Room(stored.name(), stored.createdMillis());
            stored.members().forEach(member -> {
                room.members().put(UserNames.key(member), member);
                roomsOfUser.merge(UserNames.key(member), 1, Integer::sum);
            });
            rooms.put(RoomNames.key(stored.name()), room);
            publish(room);
        }
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
                room = new Room(name, System.currentTimeMillis());
                Room made = room;
                stored(() -> store.join(name, made.createdMillis(), user));
                rooms.put(RoomNames.key(name), room);
            } else {
                Room existing = room;
                stored(() -> store.join(existing.name(), 0, user));
            }
            room.members().put(UserNames.key(user), user);
            roomsOfUser.merge(UserNames.key(user), 1, Integer::sum);
            publish(room);
            announce(room, user, Events.roomJoined(room.name(), user));
            return room.name();
        }
    }

    /** Takes the session's user out of a room; the last one out ends it. */
    public String leave(Session session, String name) {
        String user = session.user();
        synchronized (lock) {
            Room room = memberOf(user, name);
            stored(() -> store.leave(room.name(), user));
            room.members().remove(UserNames.key(user));
            roomsOfUser.computeIfPresent(UserNames.key(user), (k, count) -> count <= 1 ? null : count - 1);
            if (room.members().isEmpty()) {
                rooms.remove(RoomNames.key(name));
            }
            publish(room);
            announce(room, user, Events.roomLeft(room.name(), user));
            return room.name();
        }
    }

    /** A membership write; one the store refuses (a full disk, a database gone) is STORE_UNAVAILABLE. */
    private static void stored(Runnable write) {
        try {
            write.run();
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
     * on the event loop.
     */
    public <T> CompletableFuture<T> send(Session from, String name, String text, Function<Sent, T> then) {
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
