package io.amqpra.api;

import io.amqpra.api.status.AdapterStatus;
import jakarta.resource.Referenceable;
import java.io.Serializable;

/**
 * Hands out connections to an AMQP 1.0 peer.
 *
 * <p>Inject it with {@code @Resource(lookup = "java:/amqp/ConnectionFactory")}. Every connection
 * it returns is a handle on a pooled AMQP connection: closing the handle gives the connection back
 * to the pool, so get one per unit of work and close it with try-with-resources.
 *
 * <pre>{@code
 * try (AmqpConnection connection = factory.getConnection()) {
 *     Outcome outcome = connection.send("orders", Message.of("hello"));
 * }
 * }</pre>
 */
public interface AmqpConnectionFactory extends Serializable, Referenceable {

    /**
     * Returns a connection that signs on with the credentials the deployment configured
     * (container-managed sign-on, or the factory's {@code username} and {@code password}).
     *
     * @throws AmqpException if no connection could be opened within {@code connectTimeout}
     */
    AmqpConnection getConnection() throws AmqpException;

    /**
     * Returns a connection that signs on as the given user (application sign-on). Pooled
     * connections are only shared between callers that pass the same credentials.
     *
     * @param username the user to sign on as; {@code null} or blank throws IllegalArgumentException
     * @param password its password, may be {@code null}
     * @throws AmqpException if no connection could be opened within {@code connectTimeout}
     */
    AmqpConnection getConnection(String username, String password) throws AmqpException;

    /**
     * What the resource adapter behind this factory is doing now: whether its event loops turn,
     * and each of its connection factories, listeners and consuming beans with whether it is
     * ready and its figures. That is every started instance of the rar's adapter: the server
     * may start one for each connection factory an application defines. A factory used outside
     * a server (non-managed) reports only itself.
     * Cheap enough to call from a health probe.
     */
    AdapterStatus status();
}
