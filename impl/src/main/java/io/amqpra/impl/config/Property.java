package io.amqpra.impl.config;

import java.util.Objects;

/**
 * One configuration property, declared once: its name, type, default, check and documentation.
 * The JavaBean setters of the connection factory and the activation spec store raw values under
 * the name in a {@link PropertyValues}; {@link #get} reads one back, with the default for a value
 * not set, and refuses a bad one with a message naming the property and the value.
 *
 * @param <T> the Java type of the setter, as the container converts the descriptor's text to it
 */
public final class Property<T> {

    /** Which options a property belongs to, as the README and {@code ARCHITECTURE.md} group them. */
    public enum Group { TRANSPORT, TLS, SASL, RECONNECT, LIMITS, LISTENER, CONSUMER }

    /** A check of a value; answers what was expected, or {@code null} when the value is fine. */
    @FunctionalInterface
    public interface Check<T> {
        String problem(T value);
    }

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final Group group;
    private final String description;
    private final boolean confidential;
    private final Check<? super T> check;
    private final boolean required;

    private Property(String name, Class<T> type, T defaultValue, Group group, String description,
                     boolean confidential, Check<? super T> check, boolean required) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.group = Objects.requireNonNull(group);
        this.description = Objects.requireNonNull(description);
        this.confidential = confidential;
        this.check = check == null ? v -> null : check;
        this.required = required;
    }

    /** A property whose values are checked by {@code check} (which also sees the default). */
    public static <T> Property<T> of(String name, Class<T> type, T defaultValue, Group group,
                                     String description, Check<? super T> check) {
        return new Property<>(name, type, defaultValue, group, description, false, check, false);
    }

    /** A property with any value of its type. */
    public static <T> Property<T> of(String name, Class<T> type, T defaultValue, Group group, String description) {
        return of(name, type, defaultValue, group, description, null);
    }

    /** A secret, such as a password: never printed, masked in error messages. */
    public static Property<String> secret(String name, Group group, String description) {
        return new Property<>(name, String.class, null, group, description, true, null, false);
    }

    /**
     * The same property, but a blank text set for it is checked as it is, not replaced by the
     * default: for a value that must be given when it is set at all, such as a host.
     */
    public Property<T> refusingBlank() {
        return new Property<>(name, type, defaultValue, group, description, confidential, check, true);
    }

    /**
     * The checked value in {@code values}: the one set, or the default when none was. A blank
     * text counts as none, unless the property {@linkplain #refusingBlank() refuses blanks}.
     */
    public T get(PropertyValues values) throws InvalidSettingException {
        Object raw = values.raw(name);
        if (raw instanceof String s && s.isBlank() && !required) {
            raw = null;
        }
        T value = raw == null ? defaultValue : type.cast(raw);
        String problem = check.problem(value);
        if (problem != null) {
            throw values.invalid(this, raw == null ? value : raw, problem);
        }
        return value;
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** The default, or {@code null} when the property has none (it is optional, or derived). */
    public T defaultValue() {
        return defaultValue;
    }

    public Group group() {
        return group;
    }

    public String description() {
        return description;
    }

    public boolean confidential() {
        return confidential;
    }

    @Override
    public String toString() {
        return name;
    }
}
