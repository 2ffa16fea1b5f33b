package io.mpscope.multiprocessing;

/**
 * An object that must travel to another process cannot be serialized. The message names the class that failed and
 * the path of fields from the object handed to the library down to it, e.g.
 * {@code cannot serialize process target: class=java.lang.Thread path=target.arg$1.worker}. Thrown in the caller,
 * before anything is started or sent, so nothing is lost or leaked.
 *
 * <p>Python: the {@code PicklingError} that {@code Process.start()} raises under spawn.
 */
public class SerializationException extends ProcessException {
    private static final long serialVersionUID = 1L;
    private final String className;
    private final String path;

    public SerializationException(String what, String className, String path, Throwable cause) {
        super("cannot serialize " + what + ": class=" + className + " path=" + path, cause);
        this.className = className;
        this.path = path;
    }

    /** The class of the object that could not be serialized. */
    public String getClassName() {
        return className;
    }

    /** The field path from the root object down to the failing one. */
    public String getPath() {
        return path;
    }
}
