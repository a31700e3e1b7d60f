package im.auth;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where accounts are stored ({@code im.users.*}). */
@ConfigurationProperties(prefix = "im.users", ignoreUnknownFields = false)
public record UsersFileProperties(@DefaultValue("users.txt") Path file) {
}
