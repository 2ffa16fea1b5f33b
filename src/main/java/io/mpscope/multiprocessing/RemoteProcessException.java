package io.mpscope.multiprocessing;

/**
 * Code run in another process raised an exception. The message names what failed and where; the cause is the
 * remote exception itself, rebuilt in this process with the remote stack trace (Java serialization keeps it), so a
 * printed trace shows both sides: the caller's frames, then {@code Caused by:} the worker's. If the remote exception
 * could not be rebuilt here (its class is missing, or it does not deserialize), the cause is a
 * {@link RemoteTraceback} holding the remote trace as text.
 *
 * <p>Python: the re-raised exception of {@code AsyncResult.get()}, whose {@code __cause__} is a
 * {@code multiprocessing.pool.RemoteTraceback}.
 */
public class RemoteProcessException extends ProcessException {
    private static final long serialVersionUID = 1L;
    private final String remoteType;
    private final String remoteMessage;
    private final String remoteTrace;

    /**
     * @param message       the whole message (what failed, where, the remote type and message)
     * @param remoteType    the remote exception's class name
     * @param remoteMessage its message (may be null)
     * @param remoteTrace   its stack trace as printed in the remote process
     * @param cause         the rebuilt remote exception, or a {@link RemoteTraceback}
     */
    public RemoteProcessException(String message, String remoteType, String remoteMessage, String remoteTrace,
                                  Throwable cause) {
        super(message, cause);
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
        this.remoteTrace = remoteTrace;
    }

    /** The class name of the exception raised in the other process, e.g. {@code java.lang.ArithmeticException}. */
    public String getRemoteType() {
        return remoteType;
    }

    /** Its message, or null. */
    public String getRemoteMessage() {
        return remoteMessage;
    }

    /** Its stack trace as the other process printed it. */
    public String getRemoteTrace() {
        return remoteTrace;
    }

    /**
     * Stands for a remote exception that could not be rebuilt: its message is the remote stack trace.
     * Python: {@code multiprocessing.pool.RemoteTraceback}.
     */
    public static final class RemoteTraceback extends Exception {
        private static final long serialVersionUID = 1L;

        public RemoteTraceback(String trace) {
            super("\n\"\"\"\n" + trace + "\"\"\"", null, false, false);
        }
    }
}
