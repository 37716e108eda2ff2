package io.amqpra.payara.app;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test's message-driven beans received, by bean, for the test to read over HTTP. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Inbox {

    private final Map<String, List<String>> entries = new ConcurrentHashMap<>();

    public void record(String bean, String entry) {
        entries.computeIfAbsent(bean, b -> new CopyOnWriteArrayList<>()).add(entry);
    }

    public List<String> entries(String bean) {
        return entries.getOrDefault(bean, List.of());
    }
}
