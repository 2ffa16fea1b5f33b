package io.mpscope.multiprocessing.sharedctypes;

import io.mpscope.multiprocessing.shm.MappedRegion;

/** Reads and writes one element of a typecode at a byte offset (plain accesses: callers lock when they must). */
final class Elements {
    private Elements() {
    }

    static Number get(MappedRegion r, int off, TypeCode t) {
        return switch (t) {
            case CHAR, BYTE -> r.getBytePlain(off);
            case UBYTE -> r.getBytePlain(off) & 0xFF;
            case SHORT -> r.getShortPlain(off);
            case USHORT -> r.getShortPlain(off) & 0xFFFF;
            case INT -> r.getIntPlain(off);
            case UINT -> r.getIntPlain(off) & 0xFFFFFFFFL;
            case LONG, LONGLONG, ULONG, ULONGLONG -> r.getLongPlain(off);
            case FLOAT -> Float.intBitsToFloat(r.getIntPlain(off));
            case DOUBLE -> Double.longBitsToDouble(r.getLongPlain(off));
        };
    }

    static void set(MappedRegion r, int off, TypeCode t, Number v) {
        switch (t) {
            case CHAR, BYTE, UBYTE -> r.setBytePlain(off, v.byteValue());
            case SHORT, USHORT -> r.setShortPlain(off, v.shortValue());
            case INT, UINT -> r.setIntPlain(off, v.intValue());
            case LONG, LONGLONG, ULONG, ULONGLONG -> r.setLongPlain(off, v.longValue());
            case FLOAT -> r.setIntPlain(off, Float.floatToRawIntBits(v.floatValue()));
            case DOUBLE -> r.setLongPlain(off, Double.doubleToRawLongBits(v.doubleValue()));
        }
    }

    static double getDouble(MappedRegion r, int off, TypeCode t) {
        return t == TypeCode.DOUBLE ? Double.longBitsToDouble(r.getLongPlain(off)) : get(r, off, t).doubleValue();
    }

    static void setDouble(MappedRegion r, int off, TypeCode t, double v) {
        if (t == TypeCode.DOUBLE) {
            r.setLongPlain(off, Double.doubleToRawLongBits(v));
        } else {
            set(r, off, t, t.isFloating() ? (Number) v : (Number) (long) v);
        }
    }

    static long getLong(MappedRegion r, int off, TypeCode t) {
        return switch (t) {
            case INT -> r.getIntPlain(off);
            case LONG, LONGLONG, ULONG, ULONGLONG -> r.getLongPlain(off);
            default -> get(r, off, t).longValue();
        };
    }

    static void setLong(MappedRegion r, int off, TypeCode t, long v) {
        switch (t) {
            case INT, UINT -> r.setIntPlain(off, (int) v);
            case LONG, LONGLONG, ULONG, ULONGLONG -> r.setLongPlain(off, v);
            case FLOAT, DOUBLE -> set(r, off, t, (double) v);
            default -> set(r, off, t, v);
        }
    }

    /** Python's repr of a number: 1.5, 0.0, 3. */
    static String repr(Number n, TypeCode t) {
        if (t == TypeCode.CHAR) {
            return "b'" + (char) (n.intValue() & 0xFF) + "'";
        }
        if (t.isFloating()) {
            double d = n.doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e16 ? (long) d + ".0" : Double.toString(d);
        }
        return n.toString();
    }
}
