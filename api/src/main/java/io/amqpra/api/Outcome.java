package io.amqpra.api;

import java.util.Objects;

/**
 * What the peer did with a message that was sent to it: the AMQP 1.0 delivery outcome.
 */
public final class Outcome {

    /** The four terminal outcomes of AMQP 1.0 (section 3.4). */
    public enum Type {
        /** The peer took the message. */
        ACCEPTED,
        /** The peer refused the message as invalid; see {@link #errorCondition()}. */
        REJECTED,
        /** The peer did not process the message; it may be sent again. */
        RELEASED,
        /** The peer did not process the message and changed its delivery state. */
        MODIFIED
    }

    private static final Outcome ACCEPTED = new Outcome(Type.ACCEPTED, null, null, false, false);
    private static final Outcome RELEASED = new Outcome(Type.RELEASED, null, null, false, false);

    private final Type type;
    private final String errorCondition;
    private final String errorDescription;
    private final boolean deliveryFailed;
    private final boolean undeliverableHere;

    private Outcome(Type type, String errorCondition, String errorDescription,
                    boolean deliveryFailed, boolean undeliverableHere) {
        this.type = type;
        this.errorCondition = errorCondition;
        this.errorDescription = errorDescription;
        this.deliveryFailed = deliveryFailed;
        this.undeliverableHere = undeliverableHere;
    }

    /** The {@link Type#ACCEPTED} outcome; always the same instance. */
    public static Outcome accepted() {
        return ACCEPTED;
    }

    /** The {@link Type#RELEASED} outcome; always the same instance. */
    public static Outcome released() {
        return RELEASED;
    }

    /** A {@link Type#REJECTED} outcome with an AMQP error condition and description; either may be {@code null}. */
    public static Outcome rejected(String errorCondition, String errorDescription) {
        return new Outcome(Type.REJECTED, errorCondition, errorDescription, false, false);
    }

    /** A {@link Type#MODIFIED} outcome with the given flags (see {@link ReceivedMessage#modify}). */
    public static Outcome modified(boolean deliveryFailed, boolean undeliverableHere) {
        return new Outcome(Type.MODIFIED, null, null, deliveryFailed, undeliverableHere);
    }

    /** Which of the four outcomes this is; never {@code null}. */
    public Type type() {
        return type;
    }

    /** Whether this is {@link Type#ACCEPTED}. */
    public boolean isAccepted() {
        return type == Type.ACCEPTED;
    }

    /** For {@link Type#REJECTED}: the peer's error condition, such as {@code amqp:not-found}, or {@code null}. */
    public String errorCondition() {
        return errorCondition;
    }

    /** For {@link Type#REJECTED}: the peer's description of the error, or {@code null} if it gave none. */
    public String errorDescription() {
        return errorDescription;
    }

    /** For {@link Type#MODIFIED}: whether the peer counted this as a failed delivery; otherwise false. */
    public boolean deliveryFailed() {
        return deliveryFailed;
    }

    /** For {@link Type#MODIFIED}: whether the peer will not take this message here again; otherwise false. */
    public boolean undeliverableHere() {
        return undeliverableHere;
    }

    /**
     * Returns this outcome if it is {@link Type#ACCEPTED}, and throws otherwise, for callers that
     * treat anything but acceptance as a failure.
     *
     * @return this outcome
     * @throws DeliveryNotAcceptedException if it is not {@link Type#ACCEPTED}; it carries this outcome
     */
    public Outcome requireAccepted() throws DeliveryNotAcceptedException {
        if (!isAccepted()) {
            throw new DeliveryNotAcceptedException(this);
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome other
                && type == other.type
                && deliveryFailed == other.deliveryFailed
                && undeliverableHere == other.undeliverableHere
                && Objects.equals(errorCondition, other.errorCondition)
                && Objects.equals(errorDescription, other.errorDescription);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, errorCondition, errorDescription, deliveryFailed, undeliverableHere);
    }

    @Override
    public String toString() {
        return switch (type) {
            case REJECTED -> "REJECTED(" + errorCondition + ": " + errorDescription + ")";
            case MODIFIED -> "MODIFIED(deliveryFailed=" + deliveryFailed
                    + ", undeliverableHere=" + undeliverableHere + ")";
            default -> type.name();
        };
    }
}
