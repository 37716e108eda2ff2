package io.amqpra.api;

/**
 * Chooses where each connection attempt goes, like the {@code connection_details} function of
 * rhea: plug in service discovery or a failover order of your own. Name the implementing class in
 * the connection factory's {@code connectionDetailsProvider} property; it needs a public no-argument
 * constructor and must be visible to the resource adapter (put it in a module or in the rar).
 *
 * <p>Called once per attempt, on an adapter thread: return quickly and do not block.
 */
public interface ConnectionDetailsProvider {

    /**
     * Where to connect next.
     *
     * @param attempt 1 for the first attempt after a loss (or at startup), 2 for the next, ...
     * @param previous where the last attempt or the lost connection went
     * @return the endpoint for this attempt, or {@code null} to use the configured endpoints (as when
     *         it throws a RuntimeException, which is logged)
     */
    ConnectionDetails connectionDetails(int attempt, ConnectionDetails previous);
}
