package io.mpscope.multiprocessing.queues;

/** {@code put} found no room in time on a bounded queue. Python: {@code queue.Full}. */
public class QueueFullException extends Exception {
    private static final long serialVersionUID = 1L;

    public QueueFullException(String message) {
        super(message);
    }
}
