package io.mpscope.multiprocessing.managers;

/**
 * A manager's server failed a request for a reason other than an exception of the object itself (an unknown object
 * id or typeid, an argument that did not decode), or the object threw a checked exception that the proxy method
 * cannot declare. The server-side exception, with the server's stack trace, is the cause.
 *
 * <p>Python: {@code multiprocessing.managers.RemoteError}.
 */
public class RemoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RemoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
