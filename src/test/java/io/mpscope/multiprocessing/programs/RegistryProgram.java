package io.mpscope.multiprocessing.programs;

import io.mpscope.multiprocessing.shm.RegistryLayout;
import io.mpscope.multiprocessing.shm.SessionRegistry;

/**
 * Creates a session registry (in {@code -Dmpscope.runtime.dir}) as a root would, prints its path, and halts
 * without any cleanup, as a SIGKILLed root would leave it. No tracker is started.
 *
 * <p>Args: {@code dead}; {@code member <pid> <startTicks>} (also lists that process as a running member);
 * {@code live} (stays alive until its stdin closes, then halts).
 */
public final class RegistryProgram {
    private RegistryProgram() {
    }

    public static void main(String[] args) throws Exception {
        SessionRegistry r = SessionRegistry.createRoot("RegistryProgram");
        if (args[0].equals("member")) {
            int slot = r.claim(RegistryLayout.RUNNING, -1, "borrowed", "", 0);
            r.setLaunched(slot, Long.parseLong(args[1]), Long.parseLong(args[2]));
        }
        System.out.println(r.path());
        System.out.flush();
        if (args[0].equals("live")) {
            while (System.in.read() >= 0) {
                // wait for EOF
            }
        }
        Runtime.getRuntime().halt(0);
    }
}
