package io.amqpra.impl.config;

import java.util.Arrays;
import java.util.List;

/** The checks properties share. Each answers what was expected, or {@code null} for a good value. */
public final class Checks {

    /** The smallest frame size AMQP 1.0 allows (section 2.7.1). */
    static final int MIN_MAX_FRAME_SIZE = 512;

    static final List<String> SASL_MECHANISMS = List.of("ANONYMOUS", "PLAIN", "EXTERNAL");

    private Checks() {
    }

    static String port(Integer port) {
        return port < 1 || port > 65535 ? "a port must be 1..65535" : null;
    }

    static String millisOrZero(Long value) {
        return value < 0 ? "milliseconds, 0 or more" : null;
    }

    static String millis(Long value) {
        return value <= 0 ? "milliseconds, more than 0" : null;
    }

    static String atLeastOne(Integer value) {
        return value == null || value < 1 ? "at least 1" : null;
    }

    static String atLeastOneByte(Long value) {
        return value < 1 ? "bytes, at least 1" : null;
    }

    static String frameSize(Integer value) {
        return value < MIN_MAX_FRAME_SIZE
                ? "bytes, at least " + MIN_MAX_FRAME_SIZE + " (AMQP 1.0 section 2.7.1)" : null;
    }

    /** -1 means unlimited; {@code null} means "as another property". */
    static String attempts(Integer value) {
        return value != null && value < -1 ? "a number of attempts, or -1 for unlimited" : null;
    }

    static String multiplier(Double value) {
        return !(value >= 1.0) || Double.isInfinite(value) ? "a number of 1.0 or more" : null;
    }

    static String fraction(Double value) {
        return !(value >= 0 && value <= 1) ? "a fraction from 0 to 1" : null;
    }

    static String transport(String value) {
        return List.of("tcp", "tls", "ssl", "amqps").contains(value.trim().toLowerCase()) ? null : "'tcp' or 'tls'";
    }

    static String transactions(String value) {
        return List.of("local", "none").contains(value.trim().toLowerCase()) ? null : "'local' or 'none'";
    }

    static String mechanisms(String value) {
        for (String m : list(value == null ? null : value.toUpperCase())) {
            if (!SASL_MECHANISMS.contains(m)) {
                return "'" + m + "' is not one of ANONYMOUS, PLAIN, EXTERNAL";
            }
        }
        return null;
    }

    static String oneOf(String value, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value.trim())) {
                return null;
            }
        }
        return String.join(", ", allowed).replaceFirst(", ([^,]*)$", " or $1");
    }

    /** Splits a comma-separated list property. */
    public static List<String> list(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
