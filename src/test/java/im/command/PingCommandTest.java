package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PingCommandTest extends CommandTestSupport {

    @Test
    void echoesItsTokenAndWorksBeforeLogin() {
        assertThat(fixture.run(fixture.newSession(), "PING")).isEqualTo("OK PONG");
        assertThat(fixture.run(fixture.newSession(), "ping 12ab")).isEqualTo("OK PONG 12ab");
    }
}
