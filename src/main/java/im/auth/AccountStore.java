package im.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts in a text file, one per line: {@code <name> <password-hash> <created>}. The file is
 * only ever appended to, one whole line per write, each fsynced before it counts. A crash can
 * at worst leave a last line without its line break: that line never counted, is not loaded,
 * and is closed off with a line break so that later lines stay whole. Lines that cannot be
 * parsed are logged and left in the file untouched.
 */
public final class AccountStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccountStore.class);

    private final Path file;
    private final Map<String, Account> byKey = new ConcurrentHashMap<>();
    private final FileChannel appender;

    public AccountStore(Path file) {
        this.file = file;
        try {
            boolean created = createIfMissing(file);
            load();
            appender = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (!created) {
                closeOffTornLastLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the users file " + file.toAbsolutePath(), e);
        }
    }

    public Optional<Account> find(String name) {
        return Optional.ofNullable(byKey.get(UserNames.key(name)));
    }

    public boolean exists(String name) {
        return byKey.containsKey(UserNames.key(name));
    }

    public int size() {
        return byKey.size();
    }

    /**
     * Stores a new account durably. Returns false, writing nothing, if the name (in any case)
     * is taken; of concurrent calls for one name exactly one returns true.
     */
    public synchronized boolean add(Account account) {
        String key = UserNames.key(account.name());
        if (byKey.containsKey(key)) {
            return false;
        }
        String line = account.name() + " " + account.passwordHash() + " " + account.created() + "\n";
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                appender.write(bytes);
            }
            appender.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the users file " + file.toAbsolutePath(), e);
        }
        byKey.put(key, account);
        return true;
    }

    private static boolean createIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.createFile(file);
        try (FileChannel directory = FileChannel.open(parent, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException notSupportedOnThisFileSystem) {
            log.debug("Could not fsync directory {}", parent);
        }
        return true;
    }

    private void load() throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = content.lines().toList();
        boolean lastLineTorn = !content.isEmpty() && !content.endsWith("\n");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (lastLineTorn && i == lines.size() - 1) {
                log.warn("{} line {} has no line break (a write cut short); not loaded, kept as is: {}",
                        file, i + 1, line);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                loadLine(line, i + 1);
            }
        }
        log.info("Loaded {} accounts from {}", byKey.size(), file.toAbsolutePath());
    }

    private void loadLine(String line, int number) {
        Optional<Account> parsed = parse(line);
        if (parsed.isEmpty()) {
            log.warn("{} line {} cannot be parsed; kept as is and ignored: {}", file, number, line);
            return;
        }
        Account account = parsed.get();
        if (byKey.putIfAbsent(UserNames.key(account.name()), account) != null) {
            log.warn("{} line {} repeats the user {}; the first line wins", file, number, account.name());
        }
    }

    static Optional<Account> parse(String line) {
        String[] fields = line.split(" ");
        if (fields.length != 3 || !UserNames.isValid(fields[0]) || !fields[1].startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Account(fields[0], fields[1], Instant.parse(fields[2])));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void closeOffTornLastLine() throws IOException {
        long size = appender.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            reader.read(last, size - 1);
        }
        if (last.get(0) != '\n') {
            appender.write(ByteBuffer.wrap(new byte[] {'\n'}));
            appender.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        appender.close();
    }
}
