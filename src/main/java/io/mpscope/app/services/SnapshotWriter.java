package io.mpscope.app.services;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** Saves a {@link SystemSnapshot} to a file, off the FX thread. */
@FunctionalInterface
public interface SnapshotWriter {
    /**
     * Writes {@code snapshot} to {@code file}, replacing it; never blocks the caller.
     *
     * @return completes with {@code file} once written, or exceptionally with the reason
     */
    CompletableFuture<Path> write(SystemSnapshot snapshot, Path file);
}
