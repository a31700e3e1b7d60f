package im.integrity;

import im.auth.AccountStore;
import im.auth.UserNames;
import im.auth.UsersFileProperties;
import im.inbox.store.MessageStore;
import im.rooms.Rooms;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * At startup: every user who has messages, a device cursor or a room membership has an account
 * (or a reserved name) in the users file. A users file that was deleted or replaced would
 * otherwise start the server with those users gone, and whoever registered one of their names
 * next would read their messages and sit in their rooms.
 */
@Component
@ConditionalOnProperty(name = "im.cluster.enabled", havingValue = "false", matchIfMissing = true)
class AccountsCoverData {

    private static final int NAMED = 5;

    AccountsCoverData(AccountStore accounts, MessageStore messages, Rooms rooms, UsersFileProperties users) {
        Set<String> missing = new TreeSet<>(messages.userKeys());
        missing.addAll(rooms.memberKeys());
        missing.removeAll(accounts.keys());
        accounts.reservedNames().forEach(name -> missing.remove(UserNames.key(name)));
        if (!missing.isEmpty()) {
            String file = users.file().toAbsolutePath().toString();
            throw new StoresDisagree("The message store and rooms hold the data of " + missing.size()
                    + " users that the users file " + file + " does not have (" + String.join(", ",
                    missing.stream().limit(NAMED).toList()) + (missing.size() > NAMED ? ", ..." : "")
                    + "): it was deleted, replaced or cut. Starting would let anyone who registers one of"
                    + " those names read that user's messages.",
                    "Restore " + file + " from a backup (or point im.users.file at the right one). To start"
                    + " afresh instead, move the data folder (spring.datasource.url, im.inbox.folder) away"
                    + " as well.");
        }
    }
}
