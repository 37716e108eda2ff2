package io.amqpra.impl.config;

import jakarta.resource.spi.InvalidPropertyException;

/**
 * A configuration property has a value the adapter cannot use. The message names both; see
 * {@link PropertyValues#invalid}. It is the container's {@link InvalidPropertyException}, so a
 * deployment or an activation fails with it as it is.
 */
public final class InvalidSettingException extends InvalidPropertyException {

    private static final long serialVersionUID = 1L;

    /** A message that already names the property and the value. */
    public InvalidSettingException(String message) {
        super(message);
    }
}
