package im.cluster;

import im.process.StartupRefused;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settles the mode before anything starts. One node (the default) leaves Redis out entirely:
 * Spring Boot's Redis configuration and its health check are excluded, so that a server without
 * a Redis stays healthy. Cluster mode refuses to start unless accounts and messages go to
 * PostgreSQL and a Redis is named, saying which key to set.
 */
public final class ClusterMode implements EnvironmentPostProcessor, Ordered {

    static final String ENABLED = "im.cluster.enabled";
    private static final String EXCLUDE = "spring.autoconfigure.exclude";
    private static final String CONNECTION_TIMEOUT = "spring.datasource.hikari.connection-timeout";
    private static final String REDIS = "org.springframework.boot.data.redis.autoconfigure.";
    /**
     * Never used: the reactive client and repositories, and Lettuce's observation of every
     * command, which times each stored batch's notice on both ends (docs/CLUSTER.md, Speed).
     */
    private static final List<String> UNUSED = List.of(REDIS + "DataRedisReactiveAutoConfiguration",
            REDIS + "DataRedisRepositoriesAutoConfiguration",
            REDIS + "health.DataRedisReactiveHealthContributorAutoConfiguration",
            REDIS + "observation.LettuceObservationAutoConfiguration");
    /** Used in cluster mode only. */
    private static final List<String> CLUSTER_ONLY = List.of(REDIS + "DataRedisAutoConfiguration",
            REDIS + "health.DataRedisHealthContributorAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean cluster = environment.getProperty(ENABLED, Boolean.class, false);
        List<String> excluded = new ArrayList<>(
                Binder.get(environment).bind(EXCLUDE, Bindable.listOf(String.class)).orElse(List.of()));
        excluded.addAll(UNUSED);
        if (!cluster) {
            excluded.addAll(CLUSTER_ONLY);
        } else {
            check(environment);
        }
        Map<String, Object> settings = new HashMap<>(Map.of(EXCLUDE, String.join(",", excluded)));
        if (cluster && !environment.containsProperty(CONNECTION_TIMEOUT)) {
            // PostgreSQL down: a write fails within 2 s (milliseconds here), answered STORE_UNAVAILABLE, not after 30.
            settings.put(CONNECTION_TIMEOUT, "2000");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("im cluster mode", settings));
    }

    private static void check(ConfigurableEnvironment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StartupRefused("Cluster mode (" + ENABLED + "=true) needs PostgreSQL, which every node shares;"
                    + " spring.datasource.url is " + (url.isEmpty() ? "not set" : url) + ".",
                    "Set spring.datasource.url to a jdbc:postgresql: URL (and spring.datasource.username and"
                    + " password), the same on every node.");
        }
        if (environment.containsProperty("im.users.file")) {
            throw new StartupRefused("Cluster mode (" + ENABLED + "=true) keeps accounts in PostgreSQL, but"
                    + " im.users.file is set.",
                    "Remove im.users.file, and import the file's accounts once with"
                    + " 'java -jar im-server.jar import-users <file>' (docs/CLUSTER.md).");
        }
        if (!environment.containsProperty("spring.data.redis.url")
                && !environment.containsProperty("spring.data.redis.host")) {
            throw new StartupRefused("Cluster mode (" + ENABLED + "=true) needs a Redis, which every node shares;"
                    + " neither spring.data.redis.host nor spring.data.redis.url is set.",
                    "Set spring.data.redis.host and spring.data.redis.port (or spring.data.redis.url), the same"
                    + " on every node.");
        }
    }

    /** After the settings files are read, before the application context uses them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
