package io.mpscope.app.services;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes snapshots as JSON ({@link Json}) on its own daemon thread, {@code mp-io}: to a temporary file next to the
 * target, then moved over it, so a failed write never leaves half a file.
 */
public final class JsonSnapshotWriter implements SnapshotWriter, AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mp-io");
        t.setDaemon(true);
        return t;
    });
    private final ObjectWriter writer = Json.mapper().writerFor(SystemSnapshot.class);

    @Override
    public CompletableFuture<Path> write(SystemSnapshot snapshot, Path file) {
        return CompletableFuture.supplyAsync(() -> {
            Path target = file.toAbsolutePath();
            Path tmp = null;
            try {
                tmp = Files.createTempFile(target.getParent(), ".mpscope-snapshot", ".tmp");
                writer.writeValue(tmp.toFile(), snapshot);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (IOException e) {
                try {
                    if (tmp != null) {
                        Files.deleteIfExists(tmp);
                    }
                } catch (IOException ignored) {
                    // the temporary file stays; the error below is what matters
                }
                throw new UncheckedIOException("cannot save snapshot: path=" + target + " reason=" + e.getMessage(), e);
            }
        }, executor);
    }

    /** Lets a write in progress finish; accepts no more. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
