package io.amqpra.impl.inbound;

/** Lets tests in other packages activate endpoints on an in-process container. */
public final class InboundTestAccess implements AutoCloseable {

    private final TestContainer container = new TestContainer();

    public static AmqpActivationSpec spec(String address) {
        return TestContainer.spec(address);
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
