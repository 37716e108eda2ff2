package io.amqpra.impl.inbound;

/** Lets tests in other packages activate endpoints on an in-process container. */
public final class InboundTestAccess implements AutoCloseable {

    private final TestContainer container = new TestContainer();

    /** A spec on an ephemeral loopback port that does not say yet who may connect. */
    public static AmqpActivationSpec spec(String address) {
        AmqpActivationSpec spec = TestContainer.spec(address);
        spec.setSaslMechanisms(null);
        return spec;
    }

    /** Activates a bean and returns the port it listens on. */
    public int listen(AmqpActivationSpec spec, Bean bean) throws Exception {
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint(bean::onMessage);
        container.activate(endpoint, spec);
        return container.listeners.port(endpoint, spec);
    }

    /** The bean's method. */
    public interface Bean {
        void onMessage(io.amqpra.api.Message message, io.amqpra.api.DeliveryContext context) throws Exception;
    }

    @Override
    public void close() {
        container.close();
    }
}
