package io.amqpra.impl.config;

/** Test helper: connection-factory property values, set one by one, then checked. */
final class Configured {

    private final PropertyValues values = new PropertyValues(PropertyValues.Scope.CONNECTION_FACTORY);

    static Configured defaults() {
        return new Configured();
    }

    <T> Configured with(Property<T> property, T value) {
        values.set(property, value);
        return this;
    }

    ConnectionSettings build() throws InvalidSettingException {
        return ConnectionSettings.from(values);
    }
}
