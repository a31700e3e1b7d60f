package im.inbox.store;

import im.integrity.StoresDisagree;
import im.process.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The id that the database and its folder of message files share ({@code store_identity}, and
 * the file {@code store-id} in the folder). Both get a new one when neither has it; a folder
 * that holds messages under another id, or none, belongs to another database, and the server
 * does not start on the pair.
 */
public final class StoreIdentity {

    static final String FILE = "store-id";

    private StoreIdentity() {
    }

    public static void check(JdbcTemplate jdbc, Path folder, String databaseDescription) {
        List<String> ids = jdbc.queryForList("select id from store_identity", String.class);
        String databaseId = ids.isEmpty() ? null : ids.get(0);
        Path idFile = folder.resolve(FILE);
        try {
            OwnerOnly.folders(folder);
            String folderId = Files.exists(idFile) ? Files.readString(idFile, StandardCharsets.US_ASCII).trim() : null;
            if (databaseId != null && databaseId.equals(folderId)) {
                return;
            }
            if (holdsMessages(folder) && (databaseId != null || folderId != null)) {
                throw new StoresDisagree("The message files in " + folder.toAbsolutePath() + " belong to another"
                        + " database than " + databaseDescription + (databaseId == null
                        ? " (the database is new: it was deleted or replaced)" : "") + ". Starting would serve"
                        + " them without their rooms and device cursors.",
                        "Restore the database from a backup. To start afresh instead, move "
                        + folder.toAbsolutePath() + " away as well.");
            }
            String id = databaseId != null ? databaseId : UUID.randomUUID().toString();
            if (databaseId == null) {
                jdbc.update("insert into store_identity (id) values (?)", id);
            }
            Files.writeString(idFile, id + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + idFile, e);
        }
    }

    private static boolean holdsMessages(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".batches"));
        }
    }
}
