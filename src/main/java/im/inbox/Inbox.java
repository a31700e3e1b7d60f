package im.inbox;

import im.auth.UserNames;
import im.inbox.store.Conversations;
import im.inbox.store.MessageIds;
import im.inbox.store.MessageStore;
import im.inbox.store.Posting;
import im.inbox.store.StoredMessage;
import im.presence.Presence;
import im.protocol.ErrorCode;
import im.protocol.Events;
import im.protocol.MessageText;
import im.protocol.RequestRejected;
import im.session.ConnectionProperties;
import im.session.Session;
import im.settings.SettingChecks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable per-user inbox (PROTOCOL.md, "Extension"): every message is stored before its
 * sender hears {@code OK}, then delivered live to every online session of its users; a device
 * that logs in gets what came after its cursor first, and {@code ACK} moves that cursor.
 */
public class Inbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final int REPLAY_PAGE = 256;
    private static final Duration REPLAY_STALL = Duration.ofSeconds(30);

    /**
     * A message to post. {@code inboxKeys}: the keys of the users it is for, each once, the sender
     * included so that the sender's other devices have it too. {@code from}, the sending session,
     * is left out of the live delivery (it has the {@code OK} instead) unless {@code echo} (a
     * message to oneself). {@code direct}: a private message, whose conversation and inbox keys
     * follow from its sender and recipient, so that the store need not keep them.
     */
    public record Draft(Session from, boolean echo, boolean direct, String conversation, String recipient, String text,
            List<String> inboxKeys) implements Posting {

        /** A private message to a user (the name as registered). */
        public static Draft direct(Session from, String recipient, String text) {
            return direct(from, DirectAddress.of(from.userKey(), recipient), text);
        }

        /** A private message to an address made for the sending user (a sender may keep it for the next one). */
        public static Draft direct(Session from, DirectAddress to, String text) {
            return new Draft(from, to.toOneself(), true, to.conversation(), to.recipient(), text, to.inboxKeys());
        }

        /** A message to a room (its name as made, its conversation) and the keys of its members. */
        public static Draft room(Session from, String conversation, String room, String text, List<String> memberKeys) {
            return new Draft(from, false, false, conversation, room, text, memberKeys);
        }
    }

    /**
     * Where a private message from one user to another goes: the recipient (the name as
     * registered) and its key, the conversation, the inboxes. The same for every message of the
     * pair, so that a sender can keep it rather than make the keys and the conversation's string
     * for each message.
     */
    public record DirectAddress(String senderKey, String recipient, String recipientKey, boolean toOneself,
            String conversation, List<String> inboxKeys) {

        public static DirectAddress of(String senderKey, String recipient) {
            String recipientKey = UserNames.key(recipient);
            // To oneself: every own session is a recipient, the sending one too.
            boolean toOneself = recipientKey.equals(senderKey);
            return new DirectAddress(senderKey, recipient, recipientKey, toOneself,
                    Conversations.directOfKeys(senderKey, recipientKey), Conversations.directInboxes(senderKey, recipientKey));
        }
    }

    /**
     * The other nodes of a cluster: how often the writer looks for what they stored even without
     * a notice (zero on one node), and what tells them after each write (it must not block).
     */
    public record OtherNodes(Duration catchUpEvery, Consumer<MessageStore.Batch> tellStored) {

        public static final OtherNodes NONE = new OtherNodes(Duration.ZERO, batch -> {
        });
    }

    private final MessageStore store;
    private final Presence presence;
    private final int maxMessageChars;
    private final int maxMessageBytes;
    private final DailyQuota quota;
    private final long firstLoginReplayMillis;
    private final Counter droppedMeter;
    /** User key → {@code DROPPED} lines for the user's next login: sender name → count; guarded by itself. */
    private final Map<String, Map<String, Integer>> droppedWhileAway = new HashMap<>();
    private final Clock clock;
    /** Characters of replay to queue before waiting for the client to read them: at most 3/4 of its outbox. */
    private final long replayBurstChars;
    private final InboxWriter writer;
    private final Counter sent;
    private final Counter delivered;
    private final Counter replayed;

    /** @param withQuota whether the daily storage quota applies (off with the other abuse limits, for load tests) */
    public Inbox(MessageStore store, Presence presence, InboxProperties settings, ConnectionProperties limits,
            boolean withQuota, Clock clock, MeterRegistry meters) {
        this(store, presence, settings, limits, withQuota, clock, meters, OtherNodes.NONE);
    }

    /**
     * The inbox of a cluster's node: {@code otherNodes} says how often to look for what they
     * stored, and whom to tell after each write.
     */
    public Inbox(MessageStore store, Presence presence, InboxProperties settings, ConnectionProperties limits,
            boolean withQuota, Clock clock, MeterRegistry meters, OtherNodes otherNodes) {
        this.store = store;
        this.presence = presence;
        SettingChecks.requireRange(settings.maxMessageChars(), 1, limits.maxLineBytes(), "im.inbox.max-message-chars");
        this.maxMessageChars = settings.maxMessageChars();
        // So that the MSG line that carries a text is no longer than a line a client may send.
        this.maxMessageBytes = limits.maxLineBytes() - MessageText.MSG_LINE_OVERHEAD;
        this.firstLoginReplayMillis = settings.firstLoginReplay().toMillis();
        this.quota = new DailyQuota(withQuota ? settings.quotaPerUserPerDay().toBytes() : 0);
        this.replayBurstChars = limits.maxOutboundBytes().toBytes() / 4;
        this.sent = Counter.builder("im.messages.sent").description("Messages stored and acknowledged").register(meters);
        this.delivered = Counter.builder("im.messages.delivered").description("MSG lines queued to online sessions")
                .register(meters);
        this.replayed = Counter.builder("im.messages.replayed").description("MSG lines sent from inboxes at login")
                .register(meters);
        DistributionSummary batches = DistributionSummary.builder("im.inbox.batch")
                .description("Writes stored per transaction").register(meters);
        this.droppedMeter = meters.counter("im.inbox.dropped");
        Runnable prune = () -> store.prune(clock.millis() - settings.retention().toMillis(), settings.maxPerUser(),
                this::dropped);
        this.clock = clock;
        this.writer = new InboxWriter(store, clock.millis(), this::deliver, this::deliverArrived,
                otherNodes.catchUpEvery().toNanos(), otherNodes.tellStored(), batches::record, prune, settings.pruneEvery().toNanos());
    }

    /**
     * Stores the message and delivers it to the online sessions of its users; completes once it
     * is durable, or fails with STORE_UNAVAILABLE when it cannot be (the writer completes or
     * fails every write it takes, and what is left when it stops: no timer per write). It
     * completes with {@code result} of the stored message, made on the delivery queue (a
     * command's reply: no completion stage of its own).
     */
    public <T> CompletableFuture<T> post(Draft draft, Function<StoredMessage, T> result) {
        String text = draft.text();
        int textBytes = MessageText.check(text, maxMessageChars, maxMessageBytes);
        long now = clock.millis();
        quota.take(draft.from().userKey(), textBytes, now);
        Session from = draft.from();
        String tail = Events.messageTail(Instant.ofEpochMilli(now), from.user(), draft.recipient(), text);
        InboxWriter.Post<T> post = new InboxWriter.Post<>(draft, from.user(), from.userKey(), from.device(), tail, now,
                result);
        CompletableFuture<T> stored = writer.post(post);
        draft.from().writing(stored);
        return stored;
    }

    /**
     * Sends a session that just logged in (with its deliveries held) what its device has not
     * acknowledged, page by page as the client reads, then lets live messages through. A device
     * that has acknowledged nothing yet gets a cursor first (at 0, stored), so that pruning counts
     * it among the user's devices from now on: an entry goes only once every device the user has
     * had acknowledged it (PROTOCOL.md), not once those that acknowledged something did.
     */
    public void replay(Session session) {
        String userKey = session.userKey();
        String device = session.device();
        long last = 0;
        try {
            session.awaitWrites();
            writer.catchUp().join();
            last = store.cursor(userKey, device);
            long firstLoginFrom = Long.MIN_VALUE;
            if (!store.knowsDevice(userKey, device)) {
                // A device's first login: what not every other device of the user has acknowledged
                // (what a prune keeps), of the last firstLoginReplay; the same whenever the last prune ran.
                last = store.acknowledgedByAll(userKey);
                firstLoginFrom = clock.millis() - firstLoginReplayMillis;
                writer.ack(new MessageStore.CursorMove(userKey, device, 0)).join();
            }
            long queuedChars = 0;
            while (true) {
                List<StoredMessage> page = store.inboxAfter(userKey, device, last, REPLAY_PAGE);
                for (StoredMessage message : page) {
                    if (message.sentAtMillis() < firstLoginFrom) {
                        last = message.position();
                        continue;
                    }
                    // A UTF-8 byte count is at most three per char: this stays within the outbox.
                    if (queuedChars + message.line().length() > replayBurstChars && queuedChars > 0) {
                        if (!session.outbound().awaitDrained(REPLAY_STALL)) {
                            // What is left stays in the inbox; live messages must not overtake it.
                            session.sendAndClose(Events.bye("too slow: the inbox replay stalled"));
                            return;
                        }
                        queuedChars = 0;
                    }
                    session.send(message.line());
                    queuedChars += message.line().length() + 1;
                    last = message.position();
                }
                replayed.increment(page.size());
                if (page.size() < REPLAY_PAGE) {
                    tellDropped(session);
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.error("Could not replay the inbox of {}", session, e);
            session.sendAndClose(Events.bye("the inbox cannot be read now; log in again later"));
        } finally {
            session.liveDelivery().release(last);
        }
    }

    /**
     * On the prune's thread (`im-inbox-prune`): unread messages an inbox over its cap lost. Counted, and
     * told to the user's sessions ({@code DROPPED <count> <sender>}), or at the next login after
     * the replay when none is online (kept in memory: a restart forgets it).
     */
    private void dropped(String userKey, Map<String, Integer> countBySender) {
        droppedMeter.increment(countBySender.values().stream().mapToInt(Integer::intValue).sum());
        List<Session> online = presence.sessionsOfKey(userKey);
        if (online.isEmpty()) {
            synchronized (droppedWhileAway) {
                Map<String, Integer> waiting = droppedWhileAway.computeIfAbsent(userKey, k -> new TreeMap<>());
                countBySender.forEach((sender, count) -> waiting.merge(sender, count, Integer::sum));
            }
            return;
        }
        countBySender.forEach((sender, count) -> online.forEach(session -> session.send(Events.dropped(count, sender))));
    }

    private void tellDropped(Session session) {
        Map<String, Integer> waiting;
        synchronized (droppedWhileAway) {
            waiting = droppedWhileAway.remove(session.userKey());
        }
        if (waiting != null) {
            waiting.forEach((sender, count) -> session.send(Events.dropped(count, sender)));
        }
    }

    /** Moves this device's cursor to the message, covering every earlier one; completes once durable. */
    public CompletableFuture<Void> acknowledge(Session session, String id) {
        String userKey = session.userKey();
        long position = MessageIds.position(id);
        boolean known = position > 0 && (store.inInbox(userKey, position)
                || position <= store.cursor(userKey, session.device()));
        if (!known) {
            throw new RequestRejected(ErrorCode.NO_SUCH_MESSAGE, "no message " + id + " in your inbox");
        }
        return writer.ack(new MessageStore.CursorMove(userKey, session.device(), position));
    }

    /**
     * Up to {@code limit} messages of a conversation before a position, oldest first; the
     * session's own messages still being stored are waited for, so that it sees what it sent.
     */
    public List<StoredMessage> history(Session session, String conversation, long before, int limit) {
        session.awaitWrites();
        writer.catchUp().join();
        List<StoredMessage> newestFirst = new ArrayList<>(store.historyBefore(conversation, before, limit));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /**
     * Cluster mode: another node stored something; the writer catches up with it soon (the
     * notice may come on a Redis thread, which must not wait).
     */
    public void otherNodeStored() {
        writer.catchUp();
    }

    /** Cluster mode: a batch another node stored, sent whole; indexed and delivered soon. */
    public void otherNodeStored(MessageStore.Batch batch) {
        writer.catchUp(batch);
    }

    @Override
    public void close() throws InterruptedException {
        writer.close();
    }

    /** Under the writer's index lock, after each commit: the posts in position order. */
    private void deliver(List<InboxWriter.Post<?>> posts) {
        long copies = 0;
        for (InboxWriter.Post<?> post : posts) {
            StoredMessage message = post.entry.message();
            List<String> inboxKeys = post.draft.inboxKeys();
            for (int i = 0; i < inboxKeys.size(); i++) {
                for (Session session : presence.sessionsOfKey(inboxKeys.get(i))) {
                    if (session != post.draft.from() || post.draft.echo()) {
                        session.liveDelivery().deliver(message.position(), message.line());
                        copies++;
                    }
                }
            }
        }
        sent.increment(posts.size());
        delivered.increment(copies);
    }

    /** Under the writer's index lock: what other nodes stored, to every session here of its users. */
    private void deliverArrived(List<MessageStore.Arrived> arrived) {
        long copies = 0;
        for (MessageStore.Arrived batch : arrived) {
            for (MessageStore.Entry entry : batch.entries()) {
                StoredMessage message = entry.message();
                for (String userKey : entry.inboxOf()) {
                    for (Session session : presence.sessionsOfKey(userKey)) {
                        session.liveDelivery().deliver(message.position(), message.line());
                        copies++;
                    }
                }
            }
        }
        delivered.increment(copies);
    }

}
