package io.mpscope.scenarios;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.managers.DictProxy;
import io.mpscope.multiprocessing.managers.SyncManager;
import io.mpscope.multiprocessing.process.Process;
import java.util.ArrayList;
import java.util.List;

/**
 * PyMOTW {@code multiprocessing_manager_dict}: ten children each store one key in a dict owned by a manager's
 * server; main prints the dict as CPython prints it (key order: the order in which the children wrote).
 */
public final class ManagerDictScenario {
    private ManagerDictScenario() {
    }

    public static void main(String[] args) throws Exception {
        Context ctx = Multiprocessing.getContext();
        try (SyncManager mgr = ctx.manager()) {
            DictProxy<Integer, Integer> d = mgr.dict();
            List<Process> jobs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int key = i;
                int value = i * 2;
                jobs.add(ctx.process(() -> d.setItem(key, value))); // store(d, key, value): d[key] = value
            }
            for (Process j : jobs) {
                j.start();
            }
            for (Process j : jobs) {
                j.join();
            }
            System.out.println("Results: " + d.pythonRepr());
        }
    }
}
