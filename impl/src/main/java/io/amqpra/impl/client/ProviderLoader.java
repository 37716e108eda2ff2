package io.amqpra.impl.client;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.ConnectionDetailsProvider;
import jakarta.resource.spi.InvalidPropertyException;

/** Loads the {@code connectionDetailsProvider} class a connection factory names. */
public final class ProviderLoader {

    private ProviderLoader() {
    }

    public static ConnectionDetailsProvider load(String className, ClassLoader adapterLoader)
            throws InvalidPropertyException {
        if (className == null) {
            return null;
        }
        Class<?> type = null;
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(), adapterLoader}) {
            if (loader == null || type != null) {
                continue;
            }
            try {
                type = Class.forName(className, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        if (type == null) {
            throw MESSAGES.invalidConnectionDetailsProvider(className,
                    "the class cannot be loaded; put it where the resource adapter sees it");
        }
        if (!ConnectionDetailsProvider.class.isAssignableFrom(type)) {
            throw MESSAGES.invalidConnectionDetailsProvider(className,
                    "the class does not implement " + ConnectionDetailsProvider.class.getName());
        }
        try {
            return (ConnectionDetailsProvider) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw MESSAGES.invalidConnectionDetailsProvider(className,
                    "cannot create it with a public no-argument constructor: " + e);
        }
    }
}
