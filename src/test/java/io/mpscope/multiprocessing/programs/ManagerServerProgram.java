package io.mpscope.multiprocessing.programs;

import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.managers.ManagerOptions;
import io.mpscope.multiprocessing.managers.Registration;
import io.mpscope.multiprocessing.managers.SyncManager;
import io.mpscope.multiprocessing.testsupport.Results;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first program of CPython's "using a remote manager" recipe: starts a manager listening on {@code address} with
 * {@code authkey}, serving one shared dict as the typeid {@code shared_dict} (CPython:
 * {@code register('get_dict', callable=lambda: d)}), writes an entry into it, reports where it listens, then waits
 * until the test says the other program has been, and reports what that one wrote.
 *
 * <p>Args: a folder for reports, {@code tcp} (loopback, any port) or {@code unix:<path>}, the authkey.
 * Reports: {@code address} ({@code host:port} or the socket path), then {@code seen} (the other program's entry).
 */
public final class ManagerServerProgram {
    private ManagerServerProgram() {
    }

    /** The dict the server process shares: it lives in the manager's server JVM. */
    static final class Shared {
        static final Map<String, String> DICT = new ConcurrentHashMap<>();

        private Shared() {
        }
    }

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        SocketAddress address = args[1].equals("tcp") ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)
                : UnixDomainSocketAddress.of(args[1].substring("unix:".length()));
        byte[] key = args[2].getBytes(StandardCharsets.UTF_8);
        SyncManager m = new SyncManager(ManagerOptions.defaults().withAddress(address).withAuthkey(key),
                Multiprocessing.getContext());
        m.register(Registration.of("shared_dict", a -> Shared.DICT).withInterface(Map.class));
        m.start();
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> d = m.create("shared_dict", Map.class);
            d.put("from-server-program", "written by pid " + ProcessHandle.current().pid());
            SocketAddress bound = m.getAddress();
            Results.put(dir, "address", bound instanceof InetSocketAddress i
                    ? i.getAddress().getHostAddress() + ":" + i.getPort()
                    : ((UnixDomainSocketAddress) bound).getPath().toString());
            Results.awaitSignal(dir, "client-done", Duration.ofSeconds(60));
            Results.put(dir, "seen", d.get("from-client-program"));
        } finally {
            m.shutdown();
        }
    }
}
