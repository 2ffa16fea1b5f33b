package io.mpscope.multiprocessing;

/**
 * Base of the library's own exceptions.
 *
 * <p>Python: {@code multiprocessing.ProcessError}.
 */
public class ProcessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProcessException(String message) {
        super(message);
    }

    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
