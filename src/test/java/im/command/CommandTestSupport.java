package im.command;

import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A command test: a fresh {@link CommandFixture} in a temp folder for each test, closed after it. */
abstract class CommandTestSupport {

    @TempDir
    Path dir;

    @AutoClose
    CommandFixture fixture;

    @BeforeEach
    void startFixture() {
        fixture = new CommandFixture(dir);
    }
}
