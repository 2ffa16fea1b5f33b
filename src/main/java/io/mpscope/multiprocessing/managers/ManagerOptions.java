package io.mpscope.multiprocessing.managers;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;

/**
 * How a manager listens and talks.
 *
 * @param address          where the server listens: a {@link UnixDomainSocketAddress} or an
 *                         {@link InetSocketAddress} (port 0: any free port); null: a new Unix socket in a private
 *                         temporary folder
 * @param authkey          the key both sides prove they know; null: the process's authkey
 * @param shutdownTimeout  how long {@code shutdown()} waits for the server to stop before it terminates, then kills it
 * @param maxFrameLength   the longest request or reply, in bytes; a longer frame closes its connection
 * @param sharedMemory     whether a client in the same session on a Unix socket moves its calls, after the
 *                         handshake, from the socket to a shared-memory channel (a small duplex Pipe whose waits yield
 *                         the CPU for up to 50 us while that pays, then sleep; see {@code ChannelSpin}); TCP clients and clients of other
 *                         sessions stay on the socket. On by default: several times faster than the socket on a
 *                         quiet machine, and as fast as the socket on a loaded one
 *
 * <p>Python: the arguments of {@code BaseManager(address, authkey, serializer, ctx, shutdown_timeout)}.
 */
public record ManagerOptions(SocketAddress address, byte[] authkey, Duration shutdownTimeout, int maxFrameLength,
                             boolean sharedMemory) implements Serializable {
    /** 64 MiB. */
    public static final int DEFAULT_MAX_FRAME = 64 << 20;

    public ManagerOptions {
        if (address != null && !(address instanceof UnixDomainSocketAddress)
                && !(address instanceof InetSocketAddress)) {
            throw new IllegalArgumentException("a manager address is a Unix socket path or a host and port: address="
                    + address);
        }
        if (maxFrameLength < 1024) {
            throw new IllegalArgumentException("maxFrameLength too small: maxFrameLength=" + maxFrameLength);
        }
        authkey = authkey == null ? null : authkey.clone();
        shutdownTimeout = shutdownTimeout == null ? Duration.ofSeconds(1) : shutdownTimeout;
    }

    /**
     * A private Unix socket, the process's authkey, CPython's 1 s shutdown timeout, 64 MiB frames, calls of the
     * session's own clients on a shared-memory channel (see {@link #withSharedMemory}).
     */
    public static ManagerOptions defaults() {
        return new ManagerOptions(null, null, Duration.ofSeconds(1), DEFAULT_MAX_FRAME, true);
    }

    public ManagerOptions withAddress(SocketAddress a) {
        return new ManagerOptions(a, authkey, shutdownTimeout, maxFrameLength, sharedMemory);
    }

    public ManagerOptions withAuthkey(byte[] key) {
        return new ManagerOptions(address, key, shutdownTimeout, maxFrameLength, sharedMemory);
    }

    public ManagerOptions withShutdownTimeout(Duration t) {
        return new ManagerOptions(address, authkey, t, maxFrameLength, sharedMemory);
    }

    public ManagerOptions withMaxFrameLength(int n) {
        return new ManagerOptions(address, authkey, shutdownTimeout, n, sharedMemory);
    }

    /** Whether clients of the same session may move their calls to a shared-memory channel (false: all on the socket). */
    public ManagerOptions withSharedMemory(boolean on) {
        return new ManagerOptions(address, authkey, shutdownTimeout, maxFrameLength, on);
    }

    /** The key to use: the given one, or the process's. */
    byte[] effectiveAuthkey() {
        return authkey != null ? authkey.clone() : io.mpscope.multiprocessing.process.ProcessRuntime.authkey();
    }
}
