package io.amqpra.impl.inbound;

import io.amqpra.impl.stats.StatusBoard;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * What the server lends the inbound side: threads for deliveries, a view of its transactions,
 * through which a transacted delivery learns how its transaction ended, and the adapter's status
 * board.
 *
 * @param workManager never blocks the caller (see {@code HandoffWorkManager})
 * @param transactions the server's registry, or {@code null} where it has none
 * @param board where listeners and consuming beans report their status
 */
public record Container(WorkManager workManager, TransactionSynchronizationRegistry transactions,
                        StatusBoard board) {
}
