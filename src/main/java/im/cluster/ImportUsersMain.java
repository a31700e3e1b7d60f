package im.cluster;

import com.zaxxer.hikari.HikariDataSource;
import im.auth.JdbcAccountStore;
import im.auth.UsersImport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code java -jar im-server.jar import-users <file> [options]}: a users file's accounts into a cluster's PostgreSQL. */
@Command(name = "import-users", mixinStandardHelpOptions = true,
        description = "Copies the accounts of a users file into the PostgreSQL of a cluster (im.cluster.enabled),"
                + " password hashes as they are. An account the database has already is left as it is, so running"
                + " it again changes nothing. Exit code 0 when every line was read, 1 when some could not be.")
public final class ImportUsersMain implements Callable<Integer> {

    @Parameters(index = "0", description = "the users file")
    Path file;

    @Option(names = "--spring.datasource.url", defaultValue = "${env:SPRING_DATASOURCE_URL}",
            description = "the cluster's jdbc:postgresql: URL (default: $SPRING_DATASOURCE_URL)")
    String url;

    @Option(names = "--spring.datasource.username", defaultValue = "${env:SPRING_DATASOURCE_USERNAME}",
            description = "its user (default: $SPRING_DATASOURCE_USERNAME)")
    String username;

    @Option(names = "--spring.datasource.password", defaultValue = "${env:SPRING_DATASOURCE_PASSWORD}",
            description = "its password (default: $SPRING_DATASOURCE_PASSWORD)")
    String password;

    public static int run(String... args) {
        return new CommandLine(new ImportUsersMain()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            System.err.println("import-users: give the cluster's database as --spring.datasource.url=jdbc:postgresql:...");
            return 2;
        }
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(url);
            dataSource.setUsername(username);
            dataSource.setPassword(password);
            dataSource.setMaximumPoolSize(2);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/postgresql")
                    .load().migrate();
            UsersImport.Result result = UsersImport.into(new JdbcAccountStore(new JdbcTemplate(dataSource)), file);
            System.out.println(file + ": " + result.imported() + " accounts imported, " + result.present()
                    + " already there, " + result.unreadable().size() + " lines cannot be read");
            result.unreadable().forEach(line -> System.out.println("  " + line));
            return result.unreadable().isEmpty() ? 0 : 1;
        }
    }
}
