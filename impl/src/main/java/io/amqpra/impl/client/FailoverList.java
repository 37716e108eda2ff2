package io.amqpra.impl.client;

import io.amqpra.impl.config.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.Symbol;
import org.jboss.logging.Logger;

/**
 * Reads the {@code failover-server-list} that brokers such as ActiveMQ Artemis put in their open
 * frame's properties: a list of maps with {@code network-host} (or {@code hostname}) and
 * {@code port}. Entries that can't be read are skipped.
 */
final class FailoverList {

    private static final Logger LOG = Logger.getLogger(FailoverList.class);
    private static final Symbol KEY = Symbol.valueOf("failover-server-list");

    private FailoverList() {
    }

    static List<Endpoint> read(Map<Symbol, Object> properties) {
        if (properties == null || !(properties.get(KEY) instanceof List<?> entries)) {
            return List.of();
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> raw) {
                Map<String, Object> map = new java.util.HashMap<>();
                raw.forEach((k, v) -> map.put(String.valueOf(k), v));
                Object host = map.getOrDefault("network-host", map.get("hostname"));
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

    private static int parse(Object port) {
        try {
            return port == null ? -1 : Integer.parseInt(String.valueOf(port));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
