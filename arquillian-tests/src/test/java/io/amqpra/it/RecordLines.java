package io.amqpra.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the lines test beans append to record files in the server, complete lines only. */
final class RecordLines {

    private RecordLines() {
    }

    /** The complete lines of {@code file}; none if it does not exist yet. */
    static List<String> of(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return List.of(text.substring(0, text.lastIndexOf('\n') + 1).split("\n")).stream()
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
