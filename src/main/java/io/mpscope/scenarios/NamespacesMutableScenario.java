package io.mpscope.scenarios;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.managers.NamespaceProxy;
import io.mpscope.multiprocessing.managers.SyncManager;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.synchronize.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * PyMOTW {@code multiprocessing_namespaces_mutable}: the producer appends to a list read from a Namespace; reading
 * an attribute returns a copy, so the append is lost and the consumer sees {@code []} before and after the event.
 */
public final class NamespacesMutableScenario {
    private NamespacesMutableScenario() {
    }

    public static void main(String[] args) throws Exception {
        Context ctx = Multiprocessing.getContext();
        try (SyncManager mgr = ctx.manager()) {
            NamespaceProxy ns = mgr.namespace();
            ns.set("my_list", new ArrayList<String>());
            Event ev = ctx.event();
            Process p = ctx.process(() -> {
                List<String> myList = ns.get("my_list");
                myList.add("This is the value"); // modifies a local copy only
                ev.set();
            });
            Process c = ctx.process(() -> {
                System.out.println("Before event: " + pythonList(ns.get("my_list")));
                ev.await();
                System.out.println("After event : " + pythonList(ns.get("my_list")));
            });
            c.start();
            p.start();
            c.join();
            p.join();
        }
    }

    /** A list of strings as CPython prints it: {@code ['a', 'b']}. */
    static String pythonList(List<String> l) {
        StringBuilder sb = new StringBuilder("[");
        for (String s : l) {
            sb.append(sb.length() > 1 ? ", " : "").append('\'').append(s).append('\'');
        }
        return sb.append(']').toString();
    }
}
