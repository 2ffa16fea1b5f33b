package io.mpscope.scenarios;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.queues.JoinableQueue;
import io.mpscope.multiprocessing.queues.Queue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * PyMOTW {@code multiprocessing_producer_consumer}: Process subclasses ({@code Consumer-N}) take Task objects from a
 * JoinableQueue, mark each done (the poison pill too) and put the answers on a second queue; main waits with
 * {@code tasks.join()}.
 */
public final class ProducerConsumerScenario {
    private ProducerConsumerScenario() {
    }

    /** A consumer process: a subclass of Process, so its default name is Consumer-N, as in CPython. */
    public static final class Consumer extends Process {
        private static final long serialVersionUID = 1L;
        private final JoinableQueue<Task> todo;
        private final Queue<String> done;

        public Consumer(JoinableQueue<Task> todo, Queue<String> done) {
            this.todo = todo;
            this.done = done;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Task task = todo.get();
                    if (task == null) { // poison pill
                        System.out.println(getName() + ": Exiting");
                        todo.taskDone();
                        break;
                    }
                    System.out.println(getName() + ": " + task);
                    String answer = task.get();
                    todo.taskDone();
                    done.put(answer);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A unit of work: {@code a * b}, after a tenth of a second of simulated work. */
    public static final class Task implements Supplier<String>, Serializable {
        private static final long serialVersionUID = 1L;
        private final int a;
        private final int b;

        public Task(int a, int b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public String get() {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return a + " * " + b + " = " + (a * b);
        }

        @Override
        public String toString() {
            return a + " * " + b;
        }
    }

    public static void main(String[] args) throws Exception {
        Context ctx = Multiprocessing.getContext();
        JoinableQueue<Task> tasks = ctx.joinableQueue("tasks", 0);
        Queue<String> results = ctx.queue("results", 0);
        int consumers = Multiprocessing.cpuCount() * 2;
        System.out.println("Creating " + consumers + " consumers");
        List<Consumer> cs = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            cs.add(new Consumer(tasks, results));
        }
        for (Consumer c : cs) {
            c.start();
        }
        int jobs = 10;
        for (int i = 0; i < jobs; i++) {
            tasks.put(new Task(i, i));
        }
        for (int i = 0; i < consumers; i++) {
            tasks.put(null);
        }
        tasks.join(); // returns once taskDone() was called for every put()
        while (jobs > 0) {
            System.out.println("Result: " + results.get());
            jobs--;
        }
    }
}
