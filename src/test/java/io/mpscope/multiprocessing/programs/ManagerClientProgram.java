package io.mpscope.multiprocessing.programs;

import io.mpscope.multiprocessing.managers.BaseManager;
import io.mpscope.multiprocessing.testsupport.Results;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The second program of CPython's "using a remote manager" recipe: connects to a manager another program started
 * (CPython: {@code BaseManager(address, authkey).connect()}), reads the entry that program wrote into its shared
 * dict and writes one of its own.
 *
 * <p>Args: a folder for reports, a name for its reports, {@code host:port} or {@code unix:<path>}, the authkey.
 * Reports: {@code <name>.connect} ("OK" or the exception), and when connected {@code <name>.read} and
 * {@code <name>.write}.
 */
public final class ManagerClientProgram {
    private ManagerClientProgram() {
    }

    public static void main(String[] args) {
        String dir = args[0];
        String name = args[1];
        SocketAddress address;
        if (args[2].startsWith("unix:")) {
            address = UnixDomainSocketAddress.of(args[2].substring("unix:".length()));
        } else {
            int colon = args[2].lastIndexOf(':');
            address = new InetSocketAddress(args[2].substring(0, colon), Integer.parseInt(args[2].substring(colon + 1)));
        }
        BaseManager m = new BaseManager(address, args[3].getBytes(StandardCharsets.UTF_8));
        m.register("shared_dict");
        Results.putOutcome(dir, name + ".connect", m::connect);
        if (!"OK".equals(Results.peek(java.nio.file.Path.of(dir), name + ".connect"))) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> d = m.create("shared_dict", Map.class);
        Results.put(dir, name + ".read", d.get("from-server-program"));
        Results.putOutcome(dir, name + ".write", () -> d.put("from-client-program", "written by " + name));
    }
}
