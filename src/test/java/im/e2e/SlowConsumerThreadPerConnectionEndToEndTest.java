package im.e2e;

import org.springframework.test.context.TestPropertySource;

/** {@link SlowConsumerEndToEndTest} again with a reader thread per connection instead of the event loop. */
@TestPropertySource(properties = "im.tcp.event-loops=0")
class SlowConsumerThreadPerConnectionEndToEndTest extends SlowConsumerEndToEndTest {
}
