package io.amqpra.it.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lines that the test beans append to files in the folder the server system property
 * {@value #FOLDER} names, one file per name, so that the test reads what the beans did.
 */
public final class Records {

    /** The server system property naming the folder. */
    public static final String FOLDER = "tx.it.records";

    private Records() {
    }

    public static void append(String file, String line) {
        try {
            // One write with O_APPEND: lines of concurrent beans never interleave.
            Files.write(Path.of(System.getProperty(FOLDER), file + ".txt"),
                    (line + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
