package io.amqpra.impl.inbound;

import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * What the server lends the inbound side: threads for deliveries, and a view of its
 * transactions, through which a transacted delivery learns how its transaction ended.
 *
 * @param workManager never blocks the caller (see {@code HandoffWorkManager})
 * @param transactions the server's registry, or {@code null} where it has none
 */
public record Container(WorkManager workManager, TransactionSynchronizationRegistry transactions) {
}
