package io.amqpra.impl.config;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses host names, addresses and {@code host:port} lists as descriptors give them. */
public final class Endpoints {

    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
    private static final String HOST_EXPECTED =
            "expected a host name, an IPv4 address or an IPv6 address (in brackets or bare)";

    private Endpoints() {
    }

    /** A host name or address with the brackets of an IPv6 literal stripped, or {@code null} if malformed. */
    public static String host(String raw) {
        String value = raw == null ? "" : raw.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            String literal = value.substring(1, value.length() - 1);
            return literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches() ? literal : null;
        }
        if (value.indexOf(':') >= 0) {
            return IPV6.matcher(value).matches() ? value : null;
        }
        return !value.isEmpty() && HOST_NAME.matcher(asciiOrSelf(value)).matches() ? value : null;
    }

    /** The check of a host property. */
    static String hostProblem(String raw) {
        if (raw == null || raw.isBlank()) {
            return "a host name or IP address is required";
        }
        return host(raw) == null ? HOST_EXPECTED : null;
    }

    /**
     * Parses {@code host:port,host:port} with IPv6 literals in brackets ({@code [::1]:5672}).
     *
     * @throws IllegalArgumentException saying which entry is wrong
     */
    public static List<Endpoint> list(String raw) {
        List<Endpoint> endpoints = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return endpoints;
        }
        for (String part : raw.split(",", -1)) {
            endpoints.add(entry(part.trim()));
        }
        return endpoints;
    }

    /** The check of a list property. */
    static String listProblem(String raw) {
        try {
            list(raw);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Endpoint entry(String item) {
        int colon = item.lastIndexOf(':');
        if (item.isEmpty() || colon <= 0 || colon == item.length() - 1
                || (item.indexOf(':') != colon && !item.startsWith("["))) {
            throw new IllegalArgumentException("expected host:port entries separated by commas, IPv6 in brackets"
                    + " ([::1]:5672); '" + item + "' is not one");
        }
        int port;
        try {
            port = Integer.parseInt(item.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + item + "' has no numeric port");
        }
        String portProblem = Checks.port(port);
        String host = host(item.substring(0, colon));
        if (portProblem != null || host == null) {
            throw new IllegalArgumentException("'" + item + "': " + (host == null ? HOST_EXPECTED : portProblem));
        }
        return new Endpoint(host, port);
    }

    private static String asciiOrSelf(String host) {
        try {
            return IDN.toASCII(host);
        } catch (IllegalArgumentException e) {
            return host;
        }
    }
}
