package im.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingsGivenOnceTest {

    @Test
    void aKeyGivenTwiceInAnySpellingIsNamed() {
        assertThat(SettingsGivenOnce.duplicate("--im.users.file=a", "--im.tcp.port=1", "--im.users.file=b"))
                .hasValueSatisfying(message -> assertThat(message).startsWith("im.users.file is given twice"));
        assertThat(SettingsGivenOnce.duplicate("--im.throttle.max-connections=1", "--im.throttle.maxConnections=2"))
                .isPresent();
    }

    @Test
    void distinctKeysAndOtherArgumentsPass() {
        assertThat(SettingsGivenOnce.duplicate("--im.tcp.port=1", "--server.port=2", "client", "--debug")).isEmpty();
    }
}
