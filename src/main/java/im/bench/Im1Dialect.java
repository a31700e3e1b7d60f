package im.bench;

import java.util.List;

/** im/1: REGISTER then LOGIN (two replies), SEND acknowledged by OK SENT, delivered as MSG, read up to an ACK. */
final class Im1Dialect implements Dialect {

    @Override
    public List<String> logIn(String user, String password) {
        return List.of("REGISTER " + user + " " + password, "LOGIN " + user + " " + password);
    }

    @Override
    public int setupSteps() {
        return 2;
    }

    @Override
    public boolean isSetupStep(String line) {
        return line.startsWith("OK ") || line.startsWith("ERR ");
    }

    @Override
    public boolean isSetupFailure(String line) {
        return line.startsWith("ERR ") && !line.startsWith("ERR USERNAME_TAKEN");
    }

    @Override
    public String send(String target, String text) {
        return "SEND " + target + " " + text;
    }

    /** {@code MSG <id> <time> <from> <to> <text>}. */
    @Override
    public String deliveredText(String line) {
        return line.startsWith("MSG ") ? line.substring(nthSpace(line, 5) + 1) : null;
    }

    /** {@code ACK <id>}: one per batch of reads covers all the messages before it too. */
    @Override
    public String acknowledge(String deliveredLine) {
        return "ACK " + deliveredLine.substring(4, deliveredLine.indexOf(' ', 4));
    }

    @Override
    public String deliveredFrom(String line) {
        int from = nthSpace(line, 3) + 1;
        return line.substring(from, line.indexOf(' ', from));
    }

    @Override
    public boolean isAck(String line) {
        return line.startsWith("OK SENT ") || line.startsWith("OK STORED ");
    }

    @Override
    public boolean isLeft(String line) {
        return line.startsWith("LEFT ");
    }

    @Override
    public boolean announcesLeaving() {
        return true;
    }

    @Override
    public boolean isError(String line) {
        return line.startsWith("ERR ") || line.startsWith("BYE ");
    }

    @Override
    public String keepAliveAnswer(String line) {
        return null;
    }

    static int nthSpace(String line, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = line.indexOf(' ', at + 1);
        }
        return at;
    }
}
