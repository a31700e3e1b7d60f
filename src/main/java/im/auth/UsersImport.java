package im.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the accounts of a users file into another store (a cluster's PostgreSQL), with their
 * password hashes as they are. Idempotent: an account the store has already is left as it is
 * (its password may have changed there since), so running it again changes nothing.
 */
public final class UsersImport {

    /** Accounts copied, accounts the store had already, and lines that cannot be read (not copied). */
    public record Result(int imported, int present, List<String> unreadable) {
    }

    private UsersImport() {
    }

    public static Result into(AccountStore target, Path usersFile) throws IOException {
        UsersFile.Contents contents = UsersFile.read(usersFile);
        // A later line for a name is a new hash, under the name and date first registered.
        Map<String, Account> byKey = new LinkedHashMap<>();
        for (UsersFile.Line line : contents.accounts()) {
            Account account = line.account();
            byKey.merge(UserNames.key(account.name()), account,
                    (first, later) -> new Account(first.name(), later.passwordHash(), first.created()));
        }
        int imported = 0;
        for (Account account : byKey.values()) {
            imported += target.add(account) ? 1 : 0;
        }
        List<String> unreadable = contents.damaged().stream()
                .map(line -> "line " + line.number() + " " + line.why()).toList();
        return new Result(imported, byKey.size() - imported, unreadable);
    }
}
