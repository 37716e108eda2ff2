package io.amqpra.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The rounds of one measurement: median and spread. */
record Stats(List<Double> values) {

    static Stats of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new Stats(List.copyOf(sorted));
    }

    double median() {
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    double min() {
        return values.get(0);
    }

    double max() {
        return values.get(values.size() - 1);
    }

    /** {@code median (min–max)} with the given unit. */
    String format(String unit) {
        return values.size() == 1 ? fmt(median()) + " " + unit
                : fmt(median()) + " " + unit + " (" + fmt(min()) + "–" + fmt(max()) + ")";
    }

    static String fmt(double v) {
        return v >= 100 ? String.format("%,.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }
}
