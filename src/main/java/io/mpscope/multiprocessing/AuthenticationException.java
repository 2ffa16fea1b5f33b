package io.mpscope.multiprocessing;

/**
 * The other side of a connection did not prove that it knows the authkey (or the handshake itself was malformed).
 * Nothing but the challenge crosses before this is thrown: the key itself is never sent.
 *
 * <p>Python: {@code multiprocessing.AuthenticationError}.
 */
public class AuthenticationException extends ProcessException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
