package im.inbox.store;

/**
 * Bytes of a message file that hold no whole record, found at startup (or by {@code verify}):
 * never deleted, copied to {@code quarantinedIn}, and said in the log, a meter and the health
 * endpoint.
 *
 * @param file the segment file
 * @param from the first damaged byte
 * @param bytes how many bytes
 * @param lost the positions of the messages and acknowledgements it held, as far as the whole
 *     records around it tell
 * @param quarantinedIn the copy of the bytes, or null where none was made ({@code verify})
 */
public record DamagedStretch(String file, long from, long bytes, String lost, String quarantinedIn) {
}
