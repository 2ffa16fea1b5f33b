package io.mpscope.app.viewmodels;

import java.util.Arrays;

/**
 * An immutable run of numbers, oldest first: the recent CPU of a process (its sparkline) or the load history of
 * a core. Equal by content, so a property holding one fires only when the numbers changed.
 */
public final class Series {
    /** No values. */
    public static final Series EMPTY = new Series(new double[0]);

    private final double[] values;

    private Series(double[] values) {
        this.values = values;
    }

    /** A series of a copy of {@code values}. */
    public static Series of(double... values) {
        return values.length == 0 ? EMPTY : new Series(values.clone());
    }

    /** Takes {@code values} without copying: the caller gives it up. */
    static Series wrap(double[] values) {
        return values.length == 0 ? EMPTY : new Series(values);
    }

    public int size() {
        return values.length;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    /** The value at {@code i}, 0 being the oldest. */
    public double get(int i) {
        return values[i];
    }

    /** The newest value; NaN if empty. */
    public double last() {
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }

    /** The largest value; 0 if empty. */
    public double max() {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** A copy of the values. */
    public double[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Series && Arrays.equals(values, ((Series) o).values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Series" + Arrays.toString(values);
    }
}
