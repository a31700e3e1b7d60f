package im.auth;

import im.process.OwnerOnly;
import im.process.ProcessLock;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts in a text file, one per line: {@code <name> <password-hash> <created>}. The file is
 * only ever appended to, one whole line per write, each fsynced before it counts; a later line
 * for a name already in the file is a new password hash for it (PASSWD, a hash upgrade). A
 * crash can at worst leave a last line without its line break: that line never counted, is
 * not loaded, and is closed off with a line break so that later lines stay whole. A write that
 * fails (disk full) is cut back off the file. Lines that cannot be read ({@link UsersFile}) are
 * logged and left in the file untouched, and their names stay reserved. A file that cannot be opened for writing is served read-only.
 */
public final class UsersFileAccountStore implements AccountStore {

    private static final Logger log = LoggerFactory.getLogger(UsersFileAccountStore.class);

    private final Path file;
    private final Map<String, Account> byKey = new ConcurrentHashMap<>();
    /** Keys of names whose line could not be read; written only while loading. */
    private final Set<String> reserved = new HashSet<>();
    /** Null when the file is read-only. */
    private final FileChannel appender;
    private final ProcessLock lock;
    /** A failed write may have left part of a line that could not be cut off: end it first. */
    private boolean tailTorn;

    public UsersFileAccountStore(Path file) {
        this.file = file;
        try {
            boolean created = createIfMissing(file);
            lock = ProcessLock.take(file.resolveSibling(file.getFileName() + ".lock"), "The users file " + file.toAbsolutePath());
            load();
            appender = openForAppending(file);
            if (!created && appender != null) {
                closeOffTornLastLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the users file " + file.toAbsolutePath(), e);
        }
    }

    /** The account of a name in any case; none for a name that breaks the name rule. */
    @Override
    public Optional<Account> find(String name) {
        return UserNames.isValid(name) ? Optional.ofNullable(byKey.get(UserNames.key(name))) : Optional.empty();
    }

    /** Whether the name (in any case) is taken: by an account, or by a line that could not be read. */
    @Override
    public boolean exists(String name) {
        String key = UserNames.key(name);
        return byKey.containsKey(key) || reserved.contains(key);
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
    @Override
    public synchronized boolean add(Account account) {
        String key = UserNames.key(account.name());
        if (byKey.containsKey(key) || reserved.contains(key)) {
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
    @Override
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
        Files.createFile(file, OwnerOnly.file());
        try (FileChannel directory = FileChannel.open(parent, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException notSupportedOnThisFileSystem) {
            log.debug("Could not fsync directory {}", parent);
        }
        return true;
    }

    private void load() throws IOException {
        UsersFile.Contents contents = UsersFile.read(file);
        for (UsersFile.Line line : contents.accounts()) {
            loadAccount(line.account());
        }
        for (UsersFile.Damaged line : contents.damaged()) {
            String key = line.reservedName() == null ? null : UserNames.key(line.reservedName());
            if (key != null && !byKey.containsKey(key)) {
                reserved.add(key);
            }
            log.error("{} line {} {}; kept as it is and not loaded{}: {}", file.toAbsolutePath(), line.number(),
                    line.why(), key == null ? "" : "; the name " + line.reservedName()
                            + " stays reserved until the line is repaired", line.text());
        }
        log.info("Loaded {} accounts from {}", byKey.size(), file.toAbsolutePath());
    }

    private void loadAccount(Account account) {
        Account earlier = byKey.get(UserNames.key(account.name()));
        if (earlier == null) {
            byKey.put(UserNames.key(account.name()), account);
        } else {
            // A password change: the new hash, under the name and date it was registered with.
            byKey.put(UserNames.key(account.name()),
                    new Account(earlier.name(), account.passwordHash(), earlier.created()));
        }
    }

    /**
     * What cannot be read in a users file, one line of text each (none for a sound file), without
     * opening it for writing: for {@code im-server verify}.
     */
    public static List<String> problemsOf(Path file) throws IOException {
        return UsersFile.read(file).damaged().stream()
                .map(line -> "line " + line.number() + " " + line.why() + (line.reservedName() == null ? ""
                        : " (its name " + line.reservedName() + " stays reserved)") + ": " + line.text())
                .toList();
    }

    /** The names of lines that could not be read, reserved: nobody can register or log in as them. */
    @Override
    public Set<String> reservedNames() {
        return Set.copyOf(reserved);
    }

    /** The keys of every account, for checking that the other stores hold no one else's data. */
    @Override
    public Set<String> keys() {
        return Set.copyOf(byKey.keySet());
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
        lock.close();
    }
}
