package io.mpscope.multiprocessing.connection;

/**
 * {@code recvBytesInto} received a message larger than the buffer; the message is in {@link #message()} and is not
 * lost. Python: {@code multiprocessing.BufferTooShort}.
 */
public class BufferTooShortException extends java.io.IOException {
    private static final long serialVersionUID = 1L;
    private final transient byte[] message;

    public BufferTooShortException(String text, byte[] message) {
        super(text);
        this.message = message;
    }

    /** The whole message that did not fit. */
    public byte[] message() {
        return message;
    }
}
