package im.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.process.StartupRefused;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ClusterModeTest {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1/im";

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }

    private static void apply(StandardEnvironment environment) {
        new ClusterMode().postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void oneNodeLeavesRedisOutAndKeepsWhatTheUserExcluded() {
        StandardEnvironment environment = environment(Map.of("spring.autoconfigure.exclude", "a.Mine"));
        apply(environment);
        assertThat(environment.getProperty("spring.autoconfigure.exclude")).startsWith("a.Mine,")
                .contains("DataRedisAutoConfiguration", "health.DataRedisHealthContributorAutoConfiguration");
    }

    @Test
    void clusterModeKeepsRedisAndLeavesOutOnlyTheReactivePartsAndTheTimingOfEachCommand() {
        StandardEnvironment environment = environment(Map.of("im.cluster.enabled", "true",
                "spring.datasource.url", POSTGRES, "spring.data.redis.host", "127.0.0.1"));
        apply(environment);
        assertThat(environment.getProperty("spring.datasource.hikari.connection-timeout")).isEqualTo("2000");
        assertThat(environment.getProperty("spring.autoconfigure.exclude"))
                .contains("DataRedisReactiveAutoConfiguration", "LettuceObservationAutoConfiguration")
                .doesNotContain("autoconfigure.DataRedisAutoConfiguration,", "health.DataRedisHealthContributorAutoConfiguration");
    }

    @Test
    void clusterModeRefusesSqliteNamingTheKey() {
        assertThatThrownBy(() -> apply(environment(Map.of("im.cluster.enabled", "true",
                "spring.datasource.url", "jdbc:sqlite:./data/im.db", "spring.data.redis.host", "127.0.0.1"))))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("spring.datasource.url");
    }

    @Test
    void clusterModeRefusesAUsersFileNamingTheKey() {
        assertThatThrownBy(() -> apply(environment(Map.of("im.cluster.enabled", "true",
                "spring.datasource.url", POSTGRES, "spring.data.redis.host", "127.0.0.1", "im.users.file", "users.txt"))))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("im.users.file");
    }

    @Test
    void clusterModeRefusesToStartWithoutRedisNamingTheKey() {
        assertThatThrownBy(() -> apply(environment(Map.of("im.cluster.enabled", "true",
                "spring.datasource.url", POSTGRES))))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("spring.data.redis.host");
    }
}
