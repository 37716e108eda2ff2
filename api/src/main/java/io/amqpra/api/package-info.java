/**
 * What applications compile against to use the AMQP 1.0 resource adapter.
 *
 * <p>Send and receive through an {@link io.amqpra.api.AmqpConnectionFactory}, or receive in
 * message-driven beans that implement {@link io.amqpra.api.AmqpMessageListener}. Messages are
 * immutable {@link io.amqpra.api.Message}s; failures are {@link io.amqpra.api.AmqpException}s.
 * Connection lifecycle events are in {@link io.amqpra.api.event}.
 */
package io.amqpra.api;
