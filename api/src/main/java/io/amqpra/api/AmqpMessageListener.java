package io.amqpra.api;

/**
 * The message listener interface of message-driven beans that receive from AMQP peers which
 * connect to the adapter. The adapter listens where the bean's activation config says:
 *
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *         @ActivationConfigProperty(propertyName = "port", propertyValue = "5672"),
 *         @ActivationConfigProperty(propertyName = "address", propertyValue = "orders"),
 *         @ActivationConfigProperty(propertyName = "securityDomain", propertyValue = "ApplicationDomain")})
 * public class OrderBean implements AmqpMessageListener {
 *     public void onMessage(Message message, DeliveryContext context) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>The outcome follows the method: returning normally accepts the message; throwing rejects it
 * with the exception's message as the error description (or releases it, if the activation sets
 * {@code onError=release}). The bean can also choose the outcome itself through
 * {@link DeliveryContext}. The peer learns the outcome only after the method returned, so
 * delivery is at least once.
 */
public interface AmqpMessageListener {

    /**
     * Handles one message a peer sent.
     *
     * @param message the message
     * @param context where it came from, and the means to choose its outcome or reply
     * @throws Exception to reject (or release) the message
     */
    void onMessage(Message message, DeliveryContext context) throws Exception;
}
