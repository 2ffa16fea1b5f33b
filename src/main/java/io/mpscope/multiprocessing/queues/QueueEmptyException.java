package io.mpscope.multiprocessing.queues;

/** {@code get} found no item in time (non-blocking, or the timeout passed). Python: {@code queue.Empty}. */
public class QueueEmptyException extends Exception {
    private static final long serialVersionUID = 1L;

    public QueueEmptyException(String message) {
        super(message);
    }
}
