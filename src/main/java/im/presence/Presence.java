package im.presence;

import im.auth.UserNames;
import im.protocol.Events;
import im.session.Session;
import im.session.SessionEndListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Who is online: the logged-in sessions of each user. A user's first session announces
 * {@code JOINED}, its last {@code LEFT}, to every session of the other users. Changes and
 * their announcements happen under one lock so that every observer sees them in one order
 * (queueing a line never blocks, so the lock is never held across I/O).
 *
 * <p>In cluster mode a user may also be online on other nodes ({@link #elsewhere}, told by
 * {@link PresenceCluster}); {@code JOINED} and {@code LEFT} then mark the first session and the
 * last one anywhere, and each node tells its own sessions.
 */
@Component
public class Presence implements SessionEndListener {

    private final int maxSessionsPerUser;
    private final Object lock = new Object();
    /**
     * User key → its sessions, an immutable list replaced at each change: handed out without a
     * copy. Changed under {@link #lock} only; read without it (the inbox's delivery reads it for
     * every message), which sees the list before or after a change, as a read under the lock would.
     */
    private final Map<String, List<Session>> sessionsByUser = new ConcurrentHashMap<>();
    private int sessionCount;
    /**
     * User key → the user's sessions on other nodes (cluster mode); changed under {@link #lock},
     * read without it where a read before or after a change will do (a SEND's online check).
     */
    private final Map<String, Elsewhere> elsewhere = new ConcurrentHashMap<>();
    private volatile PresenceCluster cluster = PresenceCluster.NONE;

    /** A user's sessions on other nodes: the name as registered, how many. */
    private record Elsewhere(String name, int sessions) {
    }

    public Presence(PresenceProperties settings, MeterRegistry meters) {
        this.maxSessionsPerUser = settings.maxSessionsPerUser();
        Gauge.builder("im.online.users", this, Presence::userCount)
                .description("Users with at least one logged-in session").register(meters);
        Gauge.builder("im.sessions", this, Presence::sessionCount)
                .description("Logged-in sessions").register(meters);
    }

    /**
     * Marks the session as logged in as {@code user} (the name as registered), whose password was
     * checked. At the session limit the user's oldest session makes room for it, ended with a
     * {@code BYE}: whoever knows the password gets in, sessions opened by someone who no longer
     * does (after a PASSWD) cannot keep the owner out.
     */
    public void login(Session session, String user, String device) {
        synchronized (lock) {
            String key = UserNames.key(user);
            List<Session> sessions = sessionsByUser.getOrDefault(key, List.of());
            Elsewhere other = elsewhere.get(key);
            boolean onlineAnywhere = !sessions.isEmpty() || other != null;
            if (sessions.isEmpty() && other != null && other.sessions() >= maxSessionsPerUser) {
                // The oldest sessions are on other nodes: one of them makes room.
                cluster.endOneSession(key);
            } else if (sessions.size() + (other == null ? 0 : other.sessions()) >= maxSessionsPerUser
                    && !sessions.isEmpty()) {
                Session oldest = sessions.get(0);
                sessions = sessions.subList(1, sessions.size());
                sessionCount--;
                // Its own state stays as it is (its thread's to change); it ends with its connection.
                oldest.sendAndClose(Events.bye("session limit: " + user + " logged in on another connection"));
            }
            sessionsByUser.put(key, Stream.concat(sessions.stream(), Stream.of(session)).toList());
            sessionCount++;
            session.loggedIn(user, key, device);
            cluster.sessionsHere(key, user, sessions.size() + 1);
            if (!onlineAnywhere) {
                announce(Events.joined(user), user);
            }
        }
    }

    /** Ends the session's login, if it has one. */
    public void logout(Session session) {
        synchronized (lock) {
            String user = session.user();
            if (user == null) {
                return;
            }
            session.loggedOut();
            List<Session> sessions = sessionsByUser.get(UserNames.key(user));
            if (sessions == null || !sessions.contains(session)) {
                return;
            }
            sessionCount--;
            String key = UserNames.key(user);
            List<Session> rest = sessions.stream().filter(other -> other != session).toList();
            cluster.sessionsHere(key, user, rest.size());
            if (rest.isEmpty()) {
                sessionsByUser.remove(key);
                if (!elsewhere.containsKey(key)) {
                    announce(Events.left(user), user);
                }
            } else {
                sessionsByUser.put(key, rest);
            }
        }
    }

    /** Cluster mode: reports this node's changes to {@code cluster} from now on. */
    public void joinCluster(PresenceCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Cluster mode: the user (key, name as registered) now has {@code sessions} sessions on other
     * nodes. Announces {@code JOINED} or {@code LEFT} here if that makes the user online or
     * offline anywhere.
     */
    public void elsewhere(String userKey, String name, int sessions) {
        synchronized (lock) {
            Elsewhere before = sessions > 0 ? elsewhere.put(userKey, new Elsewhere(name, sessions))
                    : elsewhere.remove(userKey);
            boolean here = sessionsByUser.containsKey(userKey);
            if (!here && before == null && sessions > 0) {
                announce(Events.joined(name), name);
            } else if (!here && before != null && sessions == 0) {
                announce(Events.left(before.name()), before.name());
            }
        }
    }

    /** Cluster mode: ends the user's oldest session here, asked by a node where the user logs in at the limit. */
    public void endOldestSession(String userKey) {
        synchronized (lock) {
            List<Session> sessions = sessionsByUser.getOrDefault(userKey, List.of());
            if (!sessions.isEmpty()) {
                Session oldest = sessions.get(0);
                oldest.sendAndClose(Events.bye("session limit: " + oldest.user() + " logged in on another connection"));
            }
        }
    }

    @Override
    public void sessionEnded(Session session) {
        logout(session);
    }

    /**
     * Ends every session of the user but {@code keep}, each with a {@code BYE} giving the reason
     * (a password change); {@code LEFT} only if none is left.
     */
    public void endOtherSessions(Session keep, String reason) {
        synchronized (lock) {
            String key = keep.userKey();
            List<Session> sessions = sessionsByUser.getOrDefault(key, List.of());
            for (Session other : sessions) {
                if (other != keep) {
                    sessionCount--;
                    other.sendAndClose(Events.bye(reason));
                }
            }
            if (sessions.contains(keep)) {
                sessionsByUser.put(key, List.of(keep));
                cluster.sessionsHere(key, keep.user(), 1);
            }
        }
    }

    /** A snapshot of the user's logged-in sessions (empty when offline); the name in any case. */
    public List<Session> sessionsOf(String user) {
        return sessionsOfKey(UserNames.key(user));
    }

    /** The same, by the user's key ({@link UserNames#key}). */
    public List<Session> sessionsOfKey(String userKey) {
        return sessionsByUser.getOrDefault(userKey, List.of());
    }

    /** Whether the user (by key, {@link UserNames#key}) has a logged-in session, here or on another node. */
    public boolean isOnlineKey(String userKey) {
        return sessionsByUser.containsKey(userKey) || elsewhere.containsKey(userKey);
    }

    /** Names of online users as registered (on any node), sorted ignoring case. */
    public List<String> onlineUsers() {
        List<String> names = new ArrayList<>();
        synchronized (lock) {
            for (List<Session> sessions : sessionsByUser.values()) {
                names.add(sessions.get(0).user());
            }
            elsewhere.forEach((key, other) -> {
                if (!sessionsByUser.containsKey(key)) {
                    names.add(other.name());
                }
            });
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    /** Users with a session on this node. */
    public int userCount() {
        synchronized (lock) {
            return sessionsByUser.size();
        }
    }

    /** Users with a session on any node (cluster mode; this node's count on one node). */
    public int clusterUserCount() {
        synchronized (lock) {
            int count = sessionsByUser.size();
            for (String key : elsewhere.keySet()) {
                count += sessionsByUser.containsKey(key) ? 0 : 1;
            }
            return count;
        }
    }

    /** Sessions on any node (cluster mode; this node's count on one node). */
    public int clusterSessionCount() {
        synchronized (lock) {
            return sessionCount + elsewhere.values().stream().mapToInt(Elsewhere::sessions).sum();
        }
    }

    public int sessionCount() {
        synchronized (lock) {
            return sessionCount;
        }
    }

    private void announce(String event, String concerning) {
        String key = UserNames.key(concerning);
        sessionsByUser.forEach((user, sessions) -> {
            if (!user.equals(key)) {
                sessions.forEach(s -> s.send(event));
            }
        });
    }
}
