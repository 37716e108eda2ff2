package io.amqpra.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The adapter's log lines while it is open, as an operator would read them (message and stack
 * trace), for tests that check what the server log says.
 */
public final class LogLines extends Handler implements AutoCloseable {

    private static final Logger ADAPTER = Logger.getLogger("io.amqpra");

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogLines() {
    }

    /** Starts capturing the adapter's lines of level INFO and above. */
    public static LogLines capture() {
        LogLines capture = new LogLines();
        ADAPTER.addHandler(capture);
        return capture;
    }

    /** Whether a line captured so far contains every one of {@code parts}. */
    public boolean anyContains(String... parts) {
        return lines.stream().anyMatch(l -> List.of(parts).stream().allMatch(l::contains));
    }

    /** The lines so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord r) {
        lines.add(new SimpleFormatter().format(r));
    }

    @Override
    public void flush() {
    }

    /** Stops capturing. */
    @Override
    public void close() {
        ADAPTER.removeHandler(this);
    }
}
