package io.amqpra.it.app;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test MDBs received, by address, for the test to inspect over HTTP. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Inbox {

    private final Map<String, List<String>> ids = new ConcurrentHashMap<>();

    public void record(String address, String id) {
        ids.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(id);
    }

    public List<String> ids(String address) {
        return ids.getOrDefault(address, List.of());
    }

    public void clear() {
        ids.clear();
    }
}
