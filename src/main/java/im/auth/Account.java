package im.auth;

import java.time.Instant;

/** A registered user: the name as registered, the stored password hash, when it was created. */
public record Account(String name, String passwordHash, Instant created) {
}
