package im.bench;

import java.util.List;

/**
 * IRC, for comparing with IRC servers on the same workloads: NICK and USER (done at the 001
 * welcome), PRIVMSG to a nick, delivered as {@code :nick!user@host PRIVMSG target :text}.
 * IRC does not acknowledge a message, so losses are messages sent minus messages delivered.
 */
final class IrcDialect implements Dialect {

    @Override
    public List<String> logIn(String user, String password) {
        return List.of("NICK " + user, "USER " + user + " 0 * :bench");
    }

    @Override
    public int setupSteps() {
        return 1;
    }

    @Override
    public boolean isSetupStep(String line) {
        return command(line).equals("001") || isSetupFailure(line);
    }

    @Override
    public boolean isSetupFailure(String line) {
        String command = command(line);
        return command.equals("433") || command.equals("432") || line.startsWith("ERROR");
    }

    @Override
    public String send(String target, String text) {
        return "PRIVMSG " + target + " :" + text;
    }

    @Override
    public String deliveredText(String line) {
        if (!command(line).equals("PRIVMSG")) {
            return null;
        }
        int text = line.indexOf(" :", 1);
        return text < 0 ? null : line.substring(text + 2);
    }

    @Override
    public String acknowledge(String deliveredLine) {
        return null;
    }

    @Override
    public String deliveredFrom(String line) {
        int end = line.indexOf('!');
        return line.substring(1, end > 0 ? end : line.indexOf(' '));
    }

    @Override
    public boolean isAck(String line) {
        return false;
    }

    @Override
    public boolean isError(String line) {
        return line.startsWith("ERROR") || command(line).equals("401");
    }

    @Override
    public String keepAliveAnswer(String line) {
        return line.startsWith("PING ") ? "PONG " + line.substring(5) : null;
    }

    /** The command or numeric: the first word, or the second after a {@code :prefix}. */
    private static String command(String line) {
        int start = line.startsWith(":") ? line.indexOf(' ') + 1 : 0;
        if (start <= 0 && line.startsWith(":")) {
            return "";
        }
        int end = line.indexOf(' ', start);
        return line.substring(start, end < 0 ? line.length() : end).stripTrailing();
    }
}
