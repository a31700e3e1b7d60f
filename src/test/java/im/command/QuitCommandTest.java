package im.command;

import static org.assertj.core.api.Assertions.assertThat;

import im.protocol.Reply;
import org.junit.jupiter.api.Test;

class QuitCommandTest extends CommandTestSupport {

    @Test
    void answersByeAndAsksForTheConnectionToClose() {
        Reply.Line reply = CommandFixture.lineOf(fixture.router.handle(fixture.newSession(), "quit"));
        assertThat(reply.line()).isEqualTo("OK BYE");
        assertThat(reply.closesConnection()).isTrue();
    }
}
