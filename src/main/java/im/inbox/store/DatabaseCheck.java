package im.inbox.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQLite database of a data folder, checked offline for {@code im-server verify}: SQLite's
 * own integrity check, and whether the folder of message files beside it belongs to it (the id
 * both keep, {@link StoreIdentity}). Opened read-only; nothing is changed.
 */
public final class DatabaseCheck {

    private DatabaseCheck() {
    }

    /** What is wrong, a line each; empty when all is sound. */
    public static List<String> problems(Path database, Path inboxFolder) {
        List<String> problems = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + database.toAbsolutePath()
                + "?mode=ro"); Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("pragma integrity_check")) {
                while (result.next()) {
                    if (!"ok".equals(result.getString(1))) {
                        problems.add(database + ": " + result.getString(1));
                    }
                }
            }
            String databaseId = null;
            try (ResultSet result = statement.executeQuery("select id from store_identity")) {
                databaseId = result.next() ? result.getString(1) : null;
            } catch (SQLException noTableYet) {
                // A database an older version made: its id comes at the server's next start.
            }
            Path idFile = inboxFolder.resolve(StoreIdentity.FILE);
            String folderId = Files.exists(idFile) ? Files.readString(idFile, StandardCharsets.US_ASCII).trim() : null;
            if (databaseId != null && folderId != null && !databaseId.equals(folderId)) {
                problems.add(inboxFolder + " belongs to another database than " + database
                        + ": the server will not start on the two");
            }
        } catch (SQLException | IOException e) {
            problems.add(database + " cannot be read: " + e.getMessage());
        }
        return problems;
    }
}
