/**
 * Connection lifecycle notifications, delivered as CDI events to the beans of applications that
 * use the adapter: those that got a connection from one of its connection factories, and those
 * whose message-driven beans listen through it. Observe them with {@code @Observes} or
 * {@code @ObservesAsync}:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class ConnectionWatch {
 *     void on(@Observes ConnectionDisconnected e) {
 *         log.warning("lost " + e.endpoint() + ": " + e.cause() + (e.willReconnect() ? ", reconnecting" : ""));
 *     }
 *     void all(@Observes AmqpEvent e) { ... }            // every event
 * }
 * }</pre>
 *
 * <p>Events are fired on adapter threads, never on the network threads, one application at a
 * time and in order. An observer that throws is logged (once) and does not affect the adapter or
 * other applications; a slow observer delays only the events of its own application.
 */
package io.amqpra.api.event;
