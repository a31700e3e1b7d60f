package im.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
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
 * only ever appended to, one whole line per write, each fsynced before it counts; a later line
 * for a name already in the file is a new password hash for it (PASSWD, a hash upgrade). A
 * crash can at worst leave a last line without its line break: that line never counted, is
 * not loaded, and is closed off with a line break so that later lines stay whole. A write that
 * fails (disk full) is cut back off the file. Lines that cannot be parsed are logged and left
 * in the file untouched. A file that cannot be opened for writing is served read-only.
 */
public final class AccountStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccountStore.class);

    private final Path file;
    private final Map<String, Account> byKey = new ConcurrentHashMap<>();
    /** Null when the file is read-only. */
    private final FileChannel appender;
    /** A failed write may have left part of a line that could not be cut off: end it first. */
    private boolean tailTorn;

    public AccountStore(Path file) {
        this.file = file;
        try {
            boolean created = createIfMissing(file);
            load();
            appender = openForAppending(file);
            if (!created && appender != null) {
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
     *
     * @throws UncheckedIOException if the file cannot be written (full, read-only); nothing changed
     */
    public synchronized boolean add(Account account) {
        String key = UserNames.key(account.name());
        if (byKey.containsKey(key)) {
            return false;
        }
        append(account);
        byKey.put(key, account);
        return true;
    }

    /**
     * Stores a new password hash for an existing account durably.
     *
     * @throws UncheckedIOException if the file cannot be written (full, read-only); nothing changed
     */
    public synchronized void update(Account account) {
        String key = UserNames.key(account.name());
        if (!byKey.containsKey(key)) {
            throw new IllegalArgumentException("No account " + account.name());
        }
        append(account);
        byKey.put(key, account);
    }

    public boolean isWritable() {
        return appender != null;
    }

    private void append(Account account) {
        if (appender == null) {
            throw new UncheckedIOException(new IOException("The users file " + file + " is read-only"));
        }
        String line = (tailTorn ? "\n" : "") + account.name() + " " + account.passwordHash() + " "
                + account.created() + "\n";
        long sizeBefore = -1;
        try {
            sizeBefore = appender.size();
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                appender.write(bytes);
            }
            appender.force(true);
            tailTorn = false;
        } catch (IOException e) {
            tailTorn = !cutBackTo(sizeBefore);
            throw new UncheckedIOException("Cannot append to the users file " + file.toAbsolutePath(), e);
        }
    }

    /** Removes what a failed write left; false if that failed too (or the size was unknown). */
    private boolean cutBackTo(long size) {
        try {
            if (size >= 0) {
                appender.truncate(size);
                appender.force(true);
                return true;
            }
        } catch (IOException e) {
            log.warn("Could not cut a failed write off {}: {}", file, e.toString());
        }
        return false;
    }

    private static FileChannel openForAppending(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (FileSystemException | ReadOnlyFileSystemException e) {
            log.warn("The users file {} is read-only: logins work, registrations and password changes do not",
                    file.toAbsolutePath());
            return null;
        }
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
        Account earlier = byKey.get(UserNames.key(account.name()));
        if (earlier == null) {
            byKey.put(UserNames.key(account.name()), account);
        } else {
            // A password change: the new hash, under the name and date it was registered with.
            byKey.put(UserNames.key(account.name()),
                    new Account(earlier.name(), account.passwordHash(), earlier.created()));
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
        if (appender != null) {
            appender.close();
        }
    }
}
