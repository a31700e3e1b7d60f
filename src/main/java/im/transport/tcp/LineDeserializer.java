package im.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.serializer.Deserializer;

/**
 * The framing of im/1 for Spring Integration: one line per message, a too-long line as a
 * {@link LineTooLong} marker instead of closing the connection (the stock codecs close it).
 */
final class LineDeserializer implements Deserializer<Object> {

    @Override
    public Object deserialize(InputStream inputStream) throws IOException {
        if (!(inputStream instanceof LineInput lines)) {
            throw new IllegalStateException("Connections must come from LineConnection.Support");
        }
        return lines.nextLine();
    }
}
