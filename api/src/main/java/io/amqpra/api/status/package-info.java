/**
 * What the adapter is doing, for health probes, dashboards and applications: an
 * {@link io.amqpra.api.status.AdapterStatus} lists each connection factory, listener and
 * consuming bean as a {@link io.amqpra.api.status.ResourceStatus}, with whether it is ready and
 * its {@link io.amqpra.api.status.Figure}s.
 *
 * <pre>{@code
 * AdapterStatus status = factory.status();
 * if (!status.ready()) {
 *     log.warning("AMQP not ready: " + status.problems());
 * }
 * long accepted = status.resource(ResourceStatus.Kind.CONNECTION_FACTORY, "java:/amqp/ConnectionFactory")
 *         .map(r -> r.figure(Figure.SENDS_ACCEPTED)).orElse(0L);
 * }</pre>
 *
 * <p>Figures are counted as things happen, without locks, and read without stopping anything: a
 * status is a consistent view of each figure, not of all of them at one instant.
 */
package io.amqpra.api.status;
