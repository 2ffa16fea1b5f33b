package io.mpscope.multiprocessing.shm;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Linux process file descriptors ({@code pidfd_open(2)}, kernel 5.3 and later), through JNA: a pidfd stays bound to
 * one process (never to a later one that gets its pid), and {@code poll(2)} on it reports when that process has
 * ended (it is a zombie or gone). So one {@code poll} over many pidfds tells which of many processes ended, for
 * about the cost of one system call, where reading each one's {@code /proc/<pid>/stat} costs the kernel tens of
 * microseconds per process (issue 3).
 *
 * <p>{@link #load()} answers null where pidfds cannot be used (not Linux, no JNA, an older kernel, a seccomp filter
 * that forbids them); callers then read {@code /proc}. Thread-safe except {@link #poll}, whose buffer is reused:
 * one caller at a time. The pidfds of one {@code PidFds} are its caller's to close.
 */
public final class PidFds {
    /** pidfd_open's number: the same on every architecture (it came after their tables were unified). */
    private static final long SYS_PIDFD_OPEN = 434;
    private static final short POLLIN = 0x1;
    private static final short POLLNVAL = 0x20;
    private static final int POLLFD_LENGTH = 8; // struct pollfd { int fd; short events; short revents; }
    private static final int ESRCH = 3;

    /** libc, for the calls made once per process (an interface: varargs need it). */
    private interface LibC extends Library {
        int syscall(NativeLong number, Object... args) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    /** libc's poll, directly mapped: it is called every snapshot, and an interface call costs far more. */
    private static final class Direct {
        static {
            Native.register(Platform.C_LIBRARY_NAME); // once per JVM; a failure makes the class unusable
        }

        static native int poll(Pointer fds, NativeLong nfds, int timeout) throws LastErrorException;

        /** Loads the class (and so binds poll). */
        static void bind() {
        }
    }

    private final LibC libc;
    /** The struct pollfd array, filled and read from Java (one native call per poll). */
    private ByteBuffer pollfds = ByteBuffer.allocateDirect(64 * POLLFD_LENGTH).order(ByteOrder.nativeOrder());
    private Pointer pollfdsAddress = Native.getDirectBufferPointer(pollfds);

    private PidFds(LibC libc) {
        this.libc = libc;
    }

    /** Pidfds of this system, or null where they cannot be used; tries one on this process first. */
    public static PidFds load() {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            Direct.bind();
            PidFds p = new PidFds(Native.load(Platform.C_LIBRARY_NAME, LibC.class));
            int self = p.open(ProcessHandle.current().pid());
            if (self < 0) {
                return null;
            }
            p.close(self);
            return p;
        } catch (LinkageError | RuntimeException e) {
            return null; // no JNA native library for this platform, or no libc: /proc will do
        }
    }

    /**
     * A pidfd for {@code pid}.
     *
     * @return the file descriptor, {@link #NO_PROCESS} if there is no such process, or -1 if it could not be made
     *         (too many open files, not permitted)
     */
    public int open(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return NO_PROCESS;
        }
        try {
            return libc.syscall(new NativeLong(SYS_PIDFD_OPEN), (int) pid, 0);
        } catch (LastErrorException e) {
            return e.getErrorCode() == ESRCH ? NO_PROCESS : -1;
        }
    }

    /** What {@link #open} answers when the process does not exist. */
    public static final int NO_PROCESS = -2;

    /** {@link #poll} result: the process runs (or is stopped). */
    public static final byte RUNNING = 0;
    /** {@link #poll} result: the process has ended (a zombie, or reaped). */
    public static final byte ENDED = 1;
    /** {@link #poll} result: the descriptor is not open (the caller's bug) or the poll failed: nothing known. */
    public static final byte UNKNOWN = 2;

    /**
     * Which of the processes of {@code fds[0, n)} have ended, without waiting: {@code states[i]} is set to
     * {@link #RUNNING}, {@link #ENDED} or {@link #UNKNOWN} for each. Never blocks.
     */
    public void poll(int[] fds, int n, byte[] states) {
        if (n == 0) {
            return;
        }
        int need = n * POLLFD_LENGTH;
        if (pollfds.capacity() < need) {
            pollfds = ByteBuffer.allocateDirect(Math.max(need, pollfds.capacity() * 2)).order(ByteOrder.nativeOrder());
            pollfdsAddress = Native.getDirectBufferPointer(pollfds);
        }
        for (int i = 0; i < n; i++) {
            pollfds.putInt(i * POLLFD_LENGTH, fds[i]);
            pollfds.putShort(i * POLLFD_LENGTH + 4, POLLIN);
            pollfds.putShort(i * POLLFD_LENGTH + 6, (short) 0);
        }
        try {
            Direct.poll(pollfdsAddress, new NativeLong(n), 0);
        } catch (LastErrorException e) {
            java.util.Arrays.fill(states, 0, n, UNKNOWN); // EINTR or ENOMEM: nothing learnt this time
            return;
        }
        for (int i = 0; i < n; i++) {
            short revents = pollfds.getShort(i * POLLFD_LENGTH + 6);
            // POLLIN when it ended (POLLHUP comes with it); POLLNVAL for a descriptor that is not open
            states[i] = (revents & POLLNVAL) != 0 ? UNKNOWN : (revents & POLLIN) != 0 ? ENDED : RUNNING;
        }
    }

    /** Closes a pidfd. */
    public void close(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            libc.close(fd);
        } catch (LastErrorException e) {
            // EBADF or EINTR: the descriptor is gone either way
        }
    }
}
