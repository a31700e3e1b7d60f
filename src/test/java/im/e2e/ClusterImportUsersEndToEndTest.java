package im.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import im.auth.Account;
import im.auth.PasswordHashing;
import im.auth.UsersFileAccountStore;
import im.testing.ServerProcess;
import im.testing.TestClient;
import im.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar im-server.jar import-users users.txt}: a one-node server's accounts move into
 * the cluster's PostgreSQL with their passwords; running it again changes nothing; a cluster node
 * then logs them in. The cluster refuses to start on a users file, naming the key.
 */
class ClusterImportUsersEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void importedAccountsLogInOnTheClusterAndASecondImportChangesNothing() throws Exception {
        try (TestCluster cluster = TestCluster.create(dir)) {
            assumeTrue(cluster != null, "IM_TEST_POSTGRES_URL and IM_TEST_REDIS_URL name the cluster's stores");
            Path users = dir.resolve("users.txt");
            try (UsersFileAccountStore file = new UsersFileAccountStore(users);
                    PasswordHashing hashing = new PasswordHashing(1000, Executors.newSingleThreadExecutor())) {
                file.add(new Account("Alice", hashing.hash("password1"), Instant.now()));
                file.add(new Account("bob", hashing.hash("password2"), Instant.now()));
                file.update(new Account("bob", hashing.hash("changed99"), Instant.now()));
            }
            String url = "--spring.datasource.url=" + cluster.database().url();
            assertThat(importUsers(users, url)).contains("2 accounts imported, 0 already there");
            assertThat(importUsers(users, url)).contains("0 accounts imported, 2 already there");

            ServerProcess node = cluster.start("one");
            try (TestClient alice = TestClient.connect(node.port()); TestClient bob = TestClient.connect(node.port())) {
                assertThat(alice.command("LOGIN alice password1")).isEqualTo("OK LOGGED_IN Alice");
                assertThat(bob.command("LOGIN bob password2")).startsWith("ERR BAD_CREDENTIALS");
                assertThat(bob.command("LOGIN bob changed99")).isEqualTo("OK LOGGED_IN bob");
                assertThat(alice.command("REGISTER ALICE password3")).startsWith("ERR USERNAME_TAKEN");
            }
        }
    }

    @Test
    void aClusterNodeGivenAUsersFileRefusesToStartNamingTheKey() throws Exception {
        try (TestCluster cluster = TestCluster.create(dir)) {
            assumeTrue(cluster != null, "IM_TEST_POSTGRES_URL and IM_TEST_REDIS_URL name the cluster's stores");
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                    cluster.start("one", "--im.users.file=" + dir.resolve("users.txt")));
            assertThat(refused).hasMessageContaining("APPLICATION FAILED TO START").hasMessageContaining("im.users.file");
        }
    }

    private static String importUsers(Path users, String url) throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                System.getProperty("im.test.jar"), "import-users", users.toString(), url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
