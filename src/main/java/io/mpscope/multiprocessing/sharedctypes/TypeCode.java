package io.mpscope.multiprocessing.sharedctypes;

/**
 * The element types of shared values and arrays: CPython's {@code array}-module typecodes, with their ctypes names
 * and sizes on Linux x86-64/aarch64 ({@code l} and {@code L} are 8 bytes there).
 */
public enum TypeCode {
    CHAR('c', 1, "c_char"),
    BYTE('b', 1, "c_byte"),
    UBYTE('B', 1, "c_ubyte"),
    SHORT('h', 2, "c_short"),
    USHORT('H', 2, "c_ushort"),
    INT('i', 4, "c_int"),
    UINT('I', 4, "c_uint"),
    LONG('l', 8, "c_long"),
    ULONG('L', 8, "c_ulong"),
    LONGLONG('q', 8, "c_longlong"),
    ULONGLONG('Q', 8, "c_ulonglong"),
    FLOAT('f', 4, "c_float"),
    DOUBLE('d', 8, "c_double");

    private final char code;
    private final int size;
    private final String ctypesName;

    TypeCode(char code, int size, String ctypesName) {
        this.code = code;
        this.size = size;
        this.ctypesName = ctypesName;
    }

    /** The one-letter typecode ({@code 'i'}, {@code 'd'}, ...). */
    public char code() {
        return code;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** The ctypes name CPython's repr shows ({@code c_int}). */
    public String ctypesName() {
        return ctypesName;
    }

    /** True for the floating-point codes. */
    public boolean isFloating() {
        return this == FLOAT || this == DOUBLE;
    }

    /**
     * The TypeCode for a letter.
     *
     * @throws IllegalArgumentException for an unknown letter (CPython: {@code TypeError: bad typecode})
     */
    public static TypeCode of(char code) {
        for (TypeCode t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("bad typecode (must be one of cbBhHiIlLqQfd): typecode=" + code);
    }
}
