package io.amqpra.impl.client;

import io.amqpra.impl.config.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import io.amqpra.impl.log.AmqpLogger;

/**
 * Reads the endpoints a peer names: the {@code failover-server-list} that brokers such as
 * ActiveMQ Artemis put in their open frame's properties, a list of maps with
 * {@code network-host} (or {@code hostname}) and {@code port}, whose unreadable entries are
 * skipped; and the target of an {@code amqp:connection:redirect} close (see {@link Redirect}).
 */
final class FailoverList {

    private static final AmqpLogger LOG = AmqpLogger.of(FailoverList.class);
    private static final Symbol KEY = Symbol.valueOf("failover-server-list");
    private static final Symbol REDIRECT = Symbol.valueOf("amqp:connection:redirect");

    private FailoverList() {
    }

    static List<Endpoint> read(Map<Symbol, Object> properties) {
        if (properties == null || !(properties.get(KEY) instanceof List<?> entries)) {
            return List.of();
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> raw) {
                Map<String, Object> map = byName(raw);
                Object host = host(map);
                Object port = map.get("port");
                int p = port instanceof Number n ? n.intValue() : parse(port);
                if (host != null && p > 0 && p <= 65535) {
                    endpoints.add(new Endpoint(String.valueOf(host), p));
                    continue;
                }
            }
            LOG.debugf("Skipped a failover-server-list entry: %s", entry);
        }
        return List.copyOf(endpoints);
    }

    /** Whether the peer closed with {@code amqp:connection:redirect}. */
    static boolean isRedirect(ErrorCondition error) {
        return error != null && REDIRECT.equals(error.getCondition());
    }

    /**
     * Where a redirect from {@code from} points (AMQP 1.0 section 2.8.15): its {@code network-host}
     * and {@code port}, with its {@code hostname} as the virtual host of the next open; or
     * {@code null} when it names no network host and port ({@code hostname} alone is a virtual
     * host, not a machine to connect to).
     */
    static Redirect redirect(ErrorCondition error, Endpoint from) {
        if (error.getInfo() == null) {
            return null;
        }
        Map<String, Object> info = byName(error.getInfo());
        Object host = info.get("network-host");
        Object port = info.get("port");
        if (host == null || !(port instanceof Number n)) {
            LOG.redirectIgnored(info);
            return null;
        }
        Object virtualHost = info.get("hostname");
        return new Redirect(new Endpoint(host.toString(), n.intValue()),
                virtualHost == null ? null : virtualHost.toString(), from);
    }

    /** Keys are symbols by the specification; some peers send strings. Match by name. */
    private static Map<String, Object> byName(Map<?, ?> raw) {
        Map<String, Object> map = new HashMap<>();
        raw.forEach((k, v) -> map.put(String.valueOf(k), v));
        return map;
    }

    private static Object host(Map<String, Object> map) {
        return map.getOrDefault("network-host", map.get("hostname"));
    }

    private static int parse(Object port) {
        try {
            return port == null ? -1 : Integer.parseInt(String.valueOf(port));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
