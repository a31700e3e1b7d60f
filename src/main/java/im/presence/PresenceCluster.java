package im.presence;

/**
 * What {@link Presence} tells the other nodes of a cluster. Called under the presence lock, so
 * an implementation only queues the work and never blocks.
 */
public interface PresenceCluster {

    /** One node: nobody to tell. */
    PresenceCluster NONE = new PresenceCluster() {
        @Override
        public void sessionsHere(String userKey, String name, int sessions) {
        }

        @Override
        public void endOneSession(String userKey) {
        }
    };

    /** The user (key, name as registered) has {@code sessions} sessions on this node now (0: none). */
    void sessionsHere(String userKey, String name, int sessions);

    /** The user logs in here at the session limit with every session elsewhere: a node holding one ends its oldest. */
    void endOneSession(String userKey);
}
