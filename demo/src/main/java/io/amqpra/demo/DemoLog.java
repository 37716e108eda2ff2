package io.amqpra.demo;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the demo listener received: totals, distinct message ids, and the latest entries. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DemoLog {

    private static final int KEEP = 50;

    public record Entry(Instant at, String address, String body, String messageId, String peer,
                        String remoteContainer) {
    }

    private final AtomicLong received = new AtomicLong();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Deque<Entry> latest = new ArrayDeque<>();

    public void record(Entry entry) {
        received.incrementAndGet();
        if (entry.messageId() != null) {
            ids.add(entry.messageId());
        }
        synchronized (latest) {
            latest.addFirst(entry);
            if (latest.size() > KEEP) {
                latest.removeLast();
            }
        }
    }

    public long received() {
        return received.get();
    }

    public int distinctIds() {
        return ids.size();
    }

    public List<Entry> latest() {
        synchronized (latest) {
            return new ArrayList<>(latest);
        }
    }

    public void clear() {
        received.set(0);
        ids.clear();
        synchronized (latest) {
            latest.clear();
        }
    }
}
