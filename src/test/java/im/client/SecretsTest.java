package im.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Passwords in typed lines: shown as stars, never in the history. */
class SecretsTest {

    @Test
    void passwordWordsAreStarsAndEverythingElseStays() {
        assertThat(Secrets.masked("LOGIN alice s3cret phone")).isEqualTo("LOGIN alice ****** phone");
        assertThat(Secrets.masked("register  bob  pass word")).isEqualTo("register  bob  **** word");
        assertThat(Secrets.masked("PASSWD old1 new22")).isEqualTo("PASSWD **** *****");
        assertThat(Secrets.masked("SEND bob my password is x")).isEqualTo("SEND bob my password is x");
        assertThat(Secrets.masked("LOGIN alice s3")).hasSize("LOGIN alice s3".length());
    }

    @Test
    void linesWithPasswordsAreKnown() {
        assertThat(Secrets.holdsPassword("login alice x")).isTrue();
        assertThat(Secrets.holdsPassword("  PASSWD a b")).isTrue();
        assertThat(Secrets.holdsPassword("SEND alice LOGIN x")).isFalse();
    }
}
