package io.amqpra.impl.config;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The raw values a descriptor set, by property name, before they are checked. The connection
 * factory's equality is the equality of its values, so two factories configured alike share
 * pooled connections and no property can be forgotten in {@code equals}.
 */
public final class PropertyValues {

    /** Who reads the values, for the wording of an error. */
    public enum Scope { CONNECTION_FACTORY, ACTIVATION }

    private final Scope scope;
    private final Map<String, Object> values = new TreeMap<>();

    public PropertyValues(Scope scope) {
        this.scope = scope;
    }

    /** Stores a value as a setter received it; {@code null} unsets it. */
    public <T> void set(Property<T> property, T value) {
        if (value == null) {
            values.remove(property.name());
        } else {
            values.put(property.name(), value);
        }
    }

    /** The value as set, for a getter: {@code null} when none was. */
    public <T> T peek(Property<T> property) {
        Object raw = values.get(property.name());
        return raw == null ? null : property.type().cast(raw);
    }

    Object raw(String name) {
        return values.get(name);
    }

    /** A copy, which changes to these values do not reach. */
    public PropertyValues copy() {
        PropertyValues copy = new PropertyValues(scope);
        copy.values.putAll(values);
        return copy;
    }

    /**
     * These values on top of {@code base}'s: each of {@code properties} that is set here keeps
     * its value, one set only in {@code base} takes base's, and the other values set here stay.
     * An error about the result is worded for this scope.
     */
    public PropertyValues over(PropertyValues base, List<Property<?>> properties) {
        PropertyValues merged = new PropertyValues(scope);
        for (Property<?> p : properties) {
            Object inherited = base.values.get(p.name());
            if (inherited != null) {
                merged.values.put(p.name(), inherited);
            }
        }
        merged.values.putAll(values);
        return merged;
    }

    /** The names of the properties set. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Whether a value was set for {@code property}. */
    public boolean isSet(Property<?> property) {
        return values.containsKey(property.name());
    }

    /** An error that names the property and the value (masked if secret) and says what was expected. */
    public InvalidSettingException invalid(Property<?> property, Object value, String expected) {
        Object shown = property.confidential() ? "****" : value;
        return new InvalidSettingException(scope == Scope.ACTIVATION
                ? MESSAGES.invalidActivationProperty(shown, property.name(), expected)
                : MESSAGES.invalidConfigProperty(shown, property.name(), expected));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PropertyValues p && p.scope == scope && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, values);
    }

    /** The names set, never the values: they may hold secrets. */
    @Override
    public String toString() {
        return scope + values.keySet().toString();
    }
}
