package io.mpscope.multiprocessing.managers;

import java.io.IOException;

/** An item of a well-formed frame that does not decode (an unknown class, a filtered stream). */
final class ItemDecodeException extends IOException {
    private static final long serialVersionUID = 1L;

    ItemDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
