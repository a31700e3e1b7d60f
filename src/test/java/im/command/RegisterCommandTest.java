package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegisterCommandTest extends CommandTestSupport {

    @Test
    void registersAndCountsEachOutcome() {
        assertThat(fixture.run(fixture.newSession(), "REGISTER Alice s3cretpass")).isEqualTo("OK REGISTERED Alice");
        assertThat(fixture.run(fixture.newSession(), "register alice 0therpass1")).startsWith("ERR USERNAME_TAKEN ");
        assertThat(fixture.run(fixture.newSession(), "REGISTER bad/name s3cretpass")).startsWith("ERR INVALID_USERNAME ");
        assertThat(fixture.run(fixture.newSession(), "REGISTER bob short")).startsWith("ERR INVALID_PASSWORD ");
        assertThat(fixture.meters.get("im.registrations").tag("outcome", "ok").counter().count()).isOne();
        assertThat(fixture.meters.get("im.registrations").tag("outcome", "username_taken").counter().count()).isOne();
    }
}
