package io.mpscope.scenarios;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.managers.AttributeException;
import io.mpscope.multiprocessing.managers.NamespaceProxy;
import io.mpscope.multiprocessing.managers.SyncManager;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.synchronize.Event;

/**
 * PyMOTW {@code multiprocessing_namespaces}: a producer sets an attribute of a manager's Namespace and an event; the
 * consumer reads the attribute before the event (not there yet: CPython's AttributeError text) and after it.
 */
public final class NamespacesScenario {
    private NamespacesScenario() {
    }

    public static void main(String[] args) throws Exception {
        Context ctx = Multiprocessing.getContext();
        try (SyncManager mgr = ctx.manager()) {
            NamespaceProxy ns = mgr.namespace();
            Event ev = ctx.event();
            Process p = ctx.process(() -> {
                ns.set("value", "This is the value");
                ev.set();
            });
            Process c = ctx.process(() -> {
                try {
                    System.out.println("Before event: " + ns.get("value"));
                } catch (AttributeException err) {
                    System.out.println("Before event, error: " + err.getMessage());
                }
                ev.await();
                System.out.println("After event: " + ns.get("value"));
            });
            c.start();
            p.start();
            c.join();
            p.join();
        }
    }
}
