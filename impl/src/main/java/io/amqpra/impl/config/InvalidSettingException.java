package io.amqpra.impl.config;

import jakarta.resource.spi.InvalidPropertyException;

/** A configuration property has a value the adapter cannot use. The message names both. */
public final class InvalidSettingException extends InvalidPropertyException {

    private static final long serialVersionUID = 1L;

    /** A message that already names the property and the value. */
    InvalidSettingException(String message) {
        super(message);
    }

    InvalidSettingException(String property, Object value, String expected) {
        super("AMQPRA0001: Invalid value '" + value + "' for config property '" + property
                + "': " + expected);
    }
}
