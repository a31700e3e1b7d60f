package im.ops;

import im.auth.UsersFileProperties;
import im.database.SqliteDataSource;
import im.transport.tcp.ClientConnections;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** One plain line once the server is ready: where to connect (im/1, the web client), where to watch, where the data is. */
@Component
class StartupSummary {

    private static final Logger log = LoggerFactory.getLogger("im-server");

    private final ClientConnections connections;
    private final UsersFileProperties users;
    private final Environment environment;

    StartupSummary(ClientConnections connections, UsersFileProperties users, Environment environment) {
        this.connections = connections;
        this.users = users;
        this.environment = environment;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String webClient = "";
        if (environment.getProperty("im.web.enabled", Boolean.class, true)
                && event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            String scheme = environment.getProperty("im.tcp.tls.enabled", Boolean.class, false) ? "https" : "http";
            webClient = "; the web client on " + scheme + "://" + environment.getProperty("server.address", "127.0.0.1")
                    + ":" + web.getWebServer().getPort() + "/";
        }
        String monitoring = "";
        String managementPort = environment.getProperty("local.management.port");
        if (managementPort != null) {
            monitoring = "; monitoring on http://" + environment.getProperty("management.server.address", "127.0.0.1")
                    + ":" + managementPort + "/actuator";
        } else if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            monitoring = "; monitoring on http://" + environment.getProperty("server.address", "127.0.0.1") + ":"
                    + web.getWebServer().getPort() + "/actuator";
        }
        String url = environment.getProperty("spring.datasource.url", "");
        Path sqlite = SqliteDataSource.sqliteFile(url);
        String data = sqlite != null ? "rooms and messages in " + sqlite.getParent()
                : "rooms and messages in " + url.replaceAll("[?;].*", "");
        log.info("Ready: {}{}{}; accounts in {}; {}", String.join(" and ", connections.addresses()), webClient, monitoring,
                users.file().toAbsolutePath().normalize(), data);
    }
}
