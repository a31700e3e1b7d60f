package im.session;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.RecordingOutbound;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveDeliveryTest {

    private final Session session = RecordingOutbound.session("s1");
    private final LiveDelivery live = session.liveDelivery();

    private List<String> sent() {
        return RecordingOutbound.of(session).lines();
    }

    @Test
    void deliversAtOnceWhenNothingHolds() {
        live.deliver(1, "MSG a");
        live.deliver(2, "MSG b");

        assertThat(sent()).containsExactly("MSG a", "MSG b");
    }

    @Test
    void aHoldKeepsLiveMessagesUntilReleasedAndDropsThoseTheReplaySent() {
        live.hold();
        live.deliver(5, "MSG five");
        live.deliver(6, "MSG six");
        assertThat(sent()).isEmpty();

        live.release(5);

        assertThat(sent()).containsExactly("MSG six");
    }

    @Test
    void afterAReleaseAPositionAlreadyReplayedIsNotSentAgain() {
        live.hold();
        live.release(7);

        live.deliver(7, "MSG seven");
        live.deliver(8, "MSG eight");

        assertThat(sent()).containsExactly("MSG eight");
    }

    @Test
    void loggingOutForgetsTheHoldAndTheReplayedPosition() {
        live.hold();
        live.deliver(3, "MSG held");
        live.release(10);
        live.hold();
        live.deliver(11, "MSG dropped with the hold");

        session.loggedOut();
        live.deliver(2, "MSG of the next login");

        assertThat(sent()).containsExactly("MSG of the next login");
    }
}
