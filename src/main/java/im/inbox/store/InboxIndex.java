package im.inbox.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the store answers without reading a batch: the positions in each user's inbox and in
 * each conversation, where each batch starts, and every device's cursor. Rebuilt from the
 * database at startup; changed only after a commit. One lock: every operation is short.
 */
final class InboxIndex {

    /** Where every {@link Positions} of this index keeps its chunks. */
    private final LongSlabs slabs = LongSlabs.sizedForTheHeap();
    private final Map<String, Positions> inboxes = new HashMap<>();
    private final Map<String, Positions> conversations = new HashMap<>();
    private final Positions batchStarts = new Positions(slabs);
    /** User key → device → the last position it acknowledged. */
    private final Map<String, Map<String, Long>> cursors = new HashMap<>();
    private long highest;
    /** "user device" of the cursors that batches moved since they were last written to their table. */
    private final Set<String> unwritten = new HashSet<>();

    /** The batch's messages and cursor moves; {@code batchId} is where the batch starts. */
    synchronized void addBatch(long batchId, List<MessageStore.Entry> entries, List<MessageStore.CursorMove> moves) {
        batchStarts.add(batchId);
        highest = Math.max(highest, batchId);
        for (MessageStore.CursorMove move : moves) {
            moveCursor(move.userKey(), move.device(), move.position());
            unwritten.add(move.userKey() + " " + move.device());
        }
        for (MessageStore.Entry entry : entries) {
            long position = entry.message().position();
            highest = Math.max(highest, position);
            conversations.computeIfAbsent(entry.message().conversation(), k -> new Positions(slabs)).add(position);
            // By index: the iterator of these small immutable lists is not optimized away.
            List<String> inboxOf = entry.inboxOf();
            for (int i = 0; i < inboxOf.size(); i++) {
                inboxes.computeIfAbsent(inboxOf.get(i), k -> new Positions(slabs)).add(position);
            }
        }
    }

    synchronized void moveCursor(String userKey, String device, long position) {
        cursors.computeIfAbsent(userKey, k -> new HashMap<>(2)).merge(device, position, Math::max);
    }

    /** Cursors to write down again (writing them failed). */
    synchronized void unwritten(List<MessageStore.CursorMove> moves) {
        moves.forEach(move -> unwritten.add(move.userKey() + " " + move.device()));
    }

    /** The cursors moved since the last call, to be written down: user key, device, position. */
    synchronized List<MessageStore.CursorMove> takeUnwrittenCursors() {
        List<MessageStore.CursorMove> moves = new ArrayList<>(unwritten.size());
        for (String key : unwritten) {
            int space = key.indexOf(' ');
            String user = key.substring(0, space);
            String device = key.substring(space + 1);
            moves.add(new MessageStore.CursorMove(user, device, cursor(user, device)));
        }
        unwritten.clear();
        return moves;
    }

    /** The users whose inbox holds more than {@code max} entries. */
    synchronized List<String> inboxesOver(int max) {
        List<String> over = new ArrayList<>();
        inboxes.forEach((user, positions) -> {
            if (positions.size() > max) {
                over.add(user);
            }
        });
        return over;
    }

    /** The user's whole inbox, oldest first. */
    synchronized long[] inbox(String userKey) {
        Positions inbox = inboxes.get(userKey);
        return inbox == null ? new long[0] : inbox.after(Long.MIN_VALUE, Integer.MAX_VALUE);
    }

    synchronized boolean knowsDevice(String userKey, String device) {
        return cursors.getOrDefault(userKey, Map.of()).containsKey(device);
    }

    /** The position every device of the user has acknowledged (0 if one has acknowledged nothing). */
    synchronized long acknowledgedByAll(String userKey) {
        Map<String, Long> devices = cursors.get(userKey);
        return devices == null ? 0 : devices.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /** Takes these positions out of the user's inbox. */
    synchronized void removeFromInbox(String userKey, Set<Long> positions) {
        Positions inbox = inboxes.get(userKey);
        if (inbox == null) {
            return;
        }
        long[] all = inbox.after(Long.MIN_VALUE, Integer.MAX_VALUE);
        inbox.release();
        for (long position : all) {
            if (!positions.contains(position)) {
                inbox.add(position);
            }
        }
    }

    /** Every user with an inbox entry or a device cursor. */
    synchronized Set<String> userKeys() {
        Set<String> users = new HashSet<>(inboxes.keySet());
        users.addAll(cursors.keySet());
        return users;
    }

    synchronized long cursor(String userKey, String device) {
        return cursors.getOrDefault(userKey, Map.of()).getOrDefault(device, 0L);
    }

    synchronized long highest() {
        return highest;
    }

    synchronized boolean inInbox(String userKey, long position) {
        Positions inbox = inboxes.get(userKey);
        return inbox != null && inbox.contains(position);
    }

    synchronized long[] inboxAfter(String userKey, long after, int limit) {
        Positions inbox = inboxes.get(userKey);
        return inbox == null ? new long[0] : inbox.after(after, limit);
    }

    synchronized long[] conversationBefore(String conversation, long before, int limit) {
        Positions messages = conversations.get(conversation);
        return messages == null ? new long[0] : messages.before(before, limit);
    }

    /** The first position of the batch that holds {@code position}, or -1. */
    synchronized long batchOf(long position) {
        return batchStarts.floor(position);
    }

    /**
     * Forgets positions below {@code firstKept} (their batches are gone), inbox entries every
     * known device of their user acknowledged, and each inbox's oldest beyond {@code maxPerUser}.
     */
    synchronized int trim(long firstKept, int maxPerUser) {
        batchStarts.removeUpTo(firstKept - 1);
        int removed = 0;
        for (Iterator<Map.Entry<String, Positions>> it = conversations.entrySet().iterator(); it.hasNext(); ) {
            Positions positions = it.next().getValue();
            removed += positions.removeUpTo(firstKept - 1);
            if (positions.size() == 0) {
                positions.release();
                it.remove();
            }
        }
        for (Iterator<Map.Entry<String, Positions>> it = inboxes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Positions> inbox = it.next();
            Positions positions = inbox.getValue();
            Map<String, Long> devices = cursors.get(inbox.getKey());
            long acknowledgedByAll = devices == null ? 0 : devices.values().stream().mapToLong(Long::longValue).min().orElse(0);
            removed += positions.removeUpTo(Math.max(firstKept - 1, acknowledgedByAll));
            removed += positions.keepLast(maxPerUser);
            if (positions.size() == 0) {
                positions.release();
                it.remove();
            }
        }
        return removed;
    }
}
