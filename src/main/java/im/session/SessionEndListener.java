package im.session;

/** Told when a connection has ended, after every command it sent has run. */
public interface SessionEndListener {

    void sessionEnded(Session session);
}
