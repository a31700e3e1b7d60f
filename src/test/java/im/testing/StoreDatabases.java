package im.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens the database a store test runs against: {@code files} (SQLite with the batches in files
 * beside it: the default), {@code sqlite} (SQLite with the batches in its table), or
 * {@code postgres}, the PostgreSQL that .ci/run starts.
 */
public final class StoreDatabases {

    private StoreDatabases() {
    }

    public static TestDatabase open(String kind, Path dir) {
        if (kind.equals("sqlite") || kind.equals("files")) {
            return TestDatabase.sqlite(dir, kind.equals("files"));
        }
        TestDatabase postgres = TestDatabase.postgres();
        if (postgres == null) {
            // CI always has one (.ci/run starts it); elsewhere, without one, these cases are skipped.
            assertThat(System.getenv("CI")).as("CI runs the store tests against PostgreSQL too: set "
                    + TestDatabase.POSTGRES_URL_VARIABLE).isNotEqualTo("true");
            Assumptions.abort("no PostgreSQL: set " + TestDatabase.POSTGRES_URL_VARIABLE + " (.ci/postgres.sh starts one)");
        }
        return postgres;
    }
}
