package io.mpscope.multiprocessing.observe;

import io.mpscope.multiprocessing.shm.MappedRegion;

/** Renders a Value's or Array's elements as short text for observers (no lock: a torn element is harmless here). */
final class Contents {
    static final int MAX_SHOWN = 16;

    private Contents() {
    }

    static String render(MappedRegion seg, int base, char typeCode, int length) {
        int size = size(typeCode);
        if (size == 0 || base + (long) size * length > seg.length()) {
            return "";
        }
        if (typeCode == 'c') {
            int n = Math.min(length, 64);
            StringBuilder sb = new StringBuilder("b'");
            for (int i = 0; i < n; i++) {
                int c = seg.getBytePlain(base + i) & 0xFF;
                if (c == 0 && length > 1) {
                    break;
                }
                sb.append(c >= 32 && c < 127 && c != '\'' && c != '\\' ? String.valueOf((char) c)
                        : String.format("\\x%02x", c));
            }
            return sb.append(length > n ? "...'" : "'").toString();
        }
        if (length == 1) {
            return element(seg, base, typeCode);
        }
        StringBuilder sb = new StringBuilder("[");
        int shown = Math.min(length, MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(element(seg, base + i * size, typeCode));
        }
        if (length > shown) {
            sb.append(", ... ").append(length - shown).append(" more");
        }
        return sb.append(']').toString();
    }

    static int size(char t) {
        return switch (t) {
            case 'c', 'b', 'B' -> 1;
            case 'h', 'H' -> 2;
            case 'i', 'I', 'f' -> 4;
            case 'l', 'L', 'q', 'Q', 'd' -> 8;
            default -> 0;
        };
    }

    private static String element(MappedRegion seg, int off, char t) {
        return switch (t) {
            case 'b' -> Byte.toString(seg.getBytePlain(off));
            case 'B' -> Integer.toString(seg.getBytePlain(off) & 0xFF);
            case 'h' -> Short.toString(seg.getShortPlain(off));
            case 'H' -> Integer.toString(seg.getShortPlain(off) & 0xFFFF);
            case 'i' -> Integer.toString(seg.getIntPlain(off));
            case 'I' -> Long.toString(seg.getIntPlain(off) & 0xFFFFFFFFL);
            case 'f' -> number(Float.intBitsToFloat(seg.getIntPlain(off)));
            case 'd' -> number(Double.longBitsToDouble(seg.getLongPlain(off)));
            case 'L', 'Q' -> Long.toUnsignedString(seg.getLongPlain(off));
            default -> Long.toString(seg.getLongPlain(off));
        };
    }

    private static String number(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e16) {
            return (long) d + ".0";
        }
        return Double.toString(d);
    }
}
