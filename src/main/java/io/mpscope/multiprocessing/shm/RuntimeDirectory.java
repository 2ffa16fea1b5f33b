package io.mpscope.multiprocessing.shm;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The per-user folder that holds every mpscope session's files on this machine: {@code /dev/shm/mpscope-<user>}
 * (tmpfs, never written back to disk) when {@code /dev/shm} is a writable folder, else
 * {@code ${java.io.tmpdir}/mpscope-<user>}. Mode 0700, and its owner is checked, so another user cannot plant
 * files for us to map. Overridable with the system property {@code mpscope.runtime.dir} (tests, containers).
 *
 * <p>Observers discover sessions by listing this folder, as VisualVM lists {@code hsperfdata_<user>}.
 */
public final class RuntimeDirectory {
    /** Every file and folder the library creates starts with this prefix. */
    public static final String PREFIX = "mpscope";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private RuntimeDirectory() {
    }

    /** The folder's path; it may not exist yet. */
    public static Path path() {
        String override = System.getProperty("mpscope.runtime.dir");
        if (override != null && !override.isEmpty()) {
            return Path.of(override).toAbsolutePath();
        }
        String user = sanitize(System.getProperty("user.name", "user"));
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve(PREFIX + "-" + user);
    }

    /**
     * Returns the folder, creating it with mode 0700 if needed.
     *
     * @throws IOException if it cannot be created, or exists but belongs to another user or is open to others
     */
    public static Path create() throws IOException {
        Path dir = path();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.setPosixFilePermissions(dir, OWNER_ONLY); // the umask may have narrowed the mode above
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("runtime path exists but is not a folder: path=" + dir);
            }
            if (posix) {
                String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
                String me = System.getProperty("user.name");
                if (me != null && !owner.equals(me)) {
                    throw new IOException("runtime folder belongs to another user: path=" + dir + " owner=" + owner);
                }
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
                if (!perms.equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(dir, OWNER_ONLY);
                }
            }
        }
        return dir;
    }

    /** Removes the folder if it is empty; a folder another session still uses stays. */
    public static void removeIfEmpty() {
        try {
            Files.deleteIfExists(path());
        } catch (IOException ignored) {
            // not empty (another session) or already gone: both are fine
        }
    }

    private static String sanitize(String user) {
        StringBuilder sb = new StringBuilder();
        for (char c : user.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return sb.length() == 0 ? "user" : sb.toString();
    }
}
