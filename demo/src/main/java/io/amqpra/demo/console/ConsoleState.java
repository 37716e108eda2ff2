package io.amqpra.demo.console;

import java.util.List;
import java.util.Map;

/**
 * What the console page shows, as the JSON it polls every second. Times are epoch milliseconds;
 * the page formats them in the reader's time zone.
 *
 * @param at when it was taken
 * @param live whether the adapter's event loops turn
 * @param problems why resources are not ready, one line each
 * @param totals the adapter's message counts
 * @param rates messages per second out and in, oldest first, one a second
 * @param resources the adapter's connection factories, listeners and consuming beans
 * @param connections the connections the application's events told of, most recently changed first
 * @param events the latest lifecycle events as lines, newest first
 * @param deadLetters what failed to be processed
 * @param messages what the demo's beans received
 */
public record ConsoleState(long at, boolean live, List<String> problems, Totals totals, List<RateMeter.Point> rates,
                           List<Resource> resources, List<ConnectionBook.Row> connections,
                           List<EventLines.Line> events, DeadLetters deadLetters, Messages messages) {

    /**
     * @param sent sends that ended, by any outcome
     * @param accepted sends the peer accepted
     * @param notAccepted sends that ended otherwise: rejected, released, modified, timed out, failed
     * @param received messages received and settled, by any outcome
     * @param sendsInFlight sends waiting for their outcome
     * @param beansInFlight messages with a bean now
     * @param bytesIn bytes read from the network
     * @param bytesOut bytes written to the network
     */
    public record Totals(long sent, long accepted, long notAccepted, long received, long sendsInFlight,
                         long beansInFlight, long bytesIn, long bytesOut) {
    }

    /**
     * A connection factory, listener or consuming bean.
     *
     * @param kind "connection factory", "listener" or "consuming bean"
     * @param name its JNDI name, {@code host:port} or bean and address
     * @param state open, idle, connecting, reconnecting, failed, listening or not listening
     * @param problem why it is not ready, or {@code null}
     * @param figures its figures by {@link io.amqpra.api.status.Figure#key()}
     */
    public record Resource(String kind, String name, String state, String problem, Map<String, Long> figures) {
    }

    /**
     * @param redelivered deliveries a consuming bean failed, which the broker delivers again
     * @param deadLettered messages a consuming bean gave up on at {@code maxRedeliveries}: rejected,
     *        so that the broker dead-letters them
     * @param refused messages the listeners' beans refused (rejected back to their sender)
     * @param deadLetterQueue messages in the server's own broker's dead-letter queue, or {@code null}
     *        when the server has no such broker
     * @param ordersQueue messages waiting on its queue demo.orders, or {@code null}
     */
    public record DeadLetters(long redelivered, long deadLettered, long refused, Long deadLetterQueue,
                              Long ordersQueue) {
    }

    /**
     * @param received messages the demo's beans took
     * @param distinctIds distinct message ids among them
     * @param latest the latest ones, newest first
     */
    public record Messages(long received, int distinctIds, List<Message> latest) {
    }

    /** A message a bean took: when, where to, what, and from whom. */
    public record Message(long at, String address, String body, String messageId, String peer) {
    }
}
