package im.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import im.testing.ServerTestSupport;
import im.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The short version of bench/fuzz.sh: 30,000 random and mutated lines over 4 connections; the
 * probe is answered throughout and afterwards, and a well-behaved client still gets its work done.
 */
@TestPropertySource(properties = "im.throttle.enabled=false")
class FuzzSmokeTest extends ServerTestSupport {

    @Test
    void theServerKeepsAnsweringThroughAFuzzRun() throws Exception {
        Fuzzer.Result result = new Fuzzer("127.0.0.1", port, 4, 30_000, 7).run();
        assertThat(result.passed()).as(result.toString()).isTrue();
        assertThat(result.linesSent()).isEqualTo(30_000);
        assertThat(result.linesReceived()).isPositive();
        try (TestClient client = TestClient.connect(port)) {
            String name = client.registerAndLogin("afterfuzz");
            assertThat(client.command("SEND " + name + " still here")).startsWith("OK SENT " + name);
        }
    }
}
