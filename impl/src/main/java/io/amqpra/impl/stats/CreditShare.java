package io.amqpra.impl.stats;

import io.amqpra.api.status.Figure;

/**
 * The credit one connection's links granted and that was not used yet, as part of its owner's
 * {@link Figure#CREDIT_OUTSTANDING}. Each link tells its own credit as it changes; when the
 * connection ends, whatever it still counted leaves the figure, whether or not each link said
 * goodbye. Loop thread only.
 */
public final class CreditShare {

    private final Figures figures;
    private long counted;

    public CreditShare(Figures figures) {
        this.figures = figures;
    }

    /** A link's credit went from {@code before} to {@code now}; returns {@code now}. */
    public int changed(int before, int now) {
        if (now != before) {
            counted += now - before;
            figures.add(Figure.CREDIT_OUTSTANDING, now - before);
        }
        return now;
    }

    /** The connection ended: none of its credit can be used any more. */
    public void end() {
        figures.add(Figure.CREDIT_OUTSTANDING, -counted);
        counted = 0;
    }
}
