package im.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cluster mode ({@code im.cluster.*}): several nodes on one PostgreSQL ({@code spring.datasource.*})
 * and one Redis ({@code spring.data.redis.*}); docs/CLUSTER.md.
 *
 * @param enabled     off: one node on its users file, SQLite and files, no Redis
 * @param nodeId      this node's name among the others; empty: the host name and the TCP port
 * @param nodeTimeout how soon a node that stopped saying it is alive stops counting (its users go offline)
 * @param catchUpEvery how often a node reads what the others stored even without a notice
 *                     through Redis: how late live delivery is at worst while Redis is down
 */
@ConfigurationProperties(prefix = "im.cluster", ignoreUnknownFields = false)
public record ClusterProperties(@DefaultValue("false") boolean enabled, @DefaultValue("") String nodeId,
        @DefaultValue("10s") Duration nodeTimeout, @DefaultValue("1s") Duration catchUpEvery) {
}
