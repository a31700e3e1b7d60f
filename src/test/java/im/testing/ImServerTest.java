package im.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Starts the whole server on random TCP and HTTP ports with its own empty users file and database.
 * Password hashing uses 1,000 PBKDF2 iterations instead of 310,000 (the documented
 * {@code im.auth.pbkdf2-iterations} setting) so that suites registering hundreds of users stay fast.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "im.tcp.port=0",
        "management.server.port=0",
        "im.auth.pbkdf2-iterations=1000",
        "im.users.file=target/test-users/${random.uuid}.txt",
        "spring.datasource.url=jdbc:sqlite:./target/test-data/${random.uuid}/im.db"})
public @interface ImServerTest {
}
