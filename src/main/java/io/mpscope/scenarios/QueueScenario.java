package io.mpscope.scenarios;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.queues.Queue;
import java.io.Serializable;

/**
 * PyMOTW {@code multiprocessing_queue}: one instance of a user class goes through a Queue and the child calls a
 * method on it.
 */
public final class QueueScenario {
    private QueueScenario() {
    }

    /** The user's own class: it travels by Java serialization. */
    public static final class FancyThing implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String owner;

        public FancyThing(String owner) {
            this.owner = owner;
        }

        public void doSomething() {
            String where = Multiprocessing.currentProcess().getName();
            System.out.println("Doing something fancy in " + where + " for " + owner + "!");
        }
    }

    public static void main(String[] args) throws Exception {
        Context ctx = Multiprocessing.getContext();
        Queue<FancyThing> q = ctx.queue("things", 0);
        Process child = ctx.process(() -> q.get().doSomething());
        child.start();
        q.put(new FancyThing("Fancy Dan"));
        q.close();        // no more puts from this process
        q.joinThread();   // wait until the feeder moved everything
        child.join();
    }
}
