package im.process;

/**
 * The server must not start as it is set up; printed as Spring Boot's "APPLICATION FAILED TO
 * START" with what was found and what to do, without a stack trace.
 */
public class StartupRefused extends RuntimeException {

    private final String action;

    public StartupRefused(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
