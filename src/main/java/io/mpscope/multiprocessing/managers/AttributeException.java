package io.mpscope.multiprocessing.managers;

/**
 * An attribute or method that an object does not have, or does not expose through its proxy: reading a Namespace
 * attribute that was never set, or calling a method outside a registration's {@code exposed} list. The message is
 * CPython's ({@code 'Namespace' object has no attribute 'value'}).
 *
 * <p>Python: {@code AttributeError}.
 */
public class AttributeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AttributeException(String message) {
        super(message);
    }
}
