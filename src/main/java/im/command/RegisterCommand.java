package im.command;

import im.auth.Accounts;
import im.protocol.Reply;
import im.protocol.Request;
import im.session.Session;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code REGISTER <user> <password>}: creates an account, durable before the reply. */
@Component
class RegisterCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.anyone("REGISTER", "REGISTER <user> <password>", 2, 2)
            .saying("Creates an account; log in with LOGIN afterwards.");

    private final Accounts accounts;
    private final OutcomeCounter registrations;

    RegisterCommand(Accounts accounts, MeterRegistry meters) {
        this.accounts = accounts;
        this.registrations = new OutcomeCounter(meters, "im.registrations");
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Request request, Session session) {
        String name = registrations.count(() -> accounts.register(request.argument(0), request.argument(1),
                session.remoteAddress()).name());
        return Reply.ok("REGISTERED", name);
    }
}
