package io.mpscope.multiprocessing.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mpscope.multiprocessing.StartMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The two forms a Process travels in, decoded in the same JVM (the child side runs the same code). */
class ProcessCodecTest {
    static final AtomicReference<Object> SEEN = new AtomicReference<>();

    static void record(Object... values) {
        SEEN.set(List.of(values));
    }

    @Test
    void aLambdaWithPlainCapturesUsesTheCompactFormAndRunsTheSame() throws Exception {
        String s = "héllo";
        int i = 42;
        long l = 7L;
        double d = 2.5;
        int[] ints = {1, 2, 3};
        byte[] bytes = {9, 8};
        String[] strings = {"a", null, "c"};
        Process p = new Process("compact", () -> record(s, i, l, d, ints[2], bytes[1], strings[1] == null, strings[2]));
        p.setDaemon(true);
        p.setStartMethod(StartMethod.SPAWN);
        p.setJvmArgs(List.of("-Xmx64m"));

        ProcessCodec.Encoded e = ProcessCodec.encode(p);
        assertEquals(ProcessCodec.LAMBDA, e.format());
        Process back = ProcessCodec.decode(e.format(), e.bytes());

        assertEquals("compact", back.getName());
        assertEquals(true, back.isDaemon());
        assertArrayEquals(p.getIdentity(), back.getIdentity());
        assertEquals(p.getCreatorPid(), back.getCreatorPid());
        assertEquals(StartMethod.SPAWN, back.getStartMethod());
        assertEquals(List.of("-Xmx64m"), back.getJvmArgs());
        assertEquals(ProcessState.STARTED, back.getState());
        back.run();
        assertEquals(List.of("héllo", 42, 7L, 2.5, 3, (byte) 8, true, "c"), SEEN.get());
    }

    @Test
    void capturedSharedPrimitivesTravelInTheCompactFormAsTheSameObjects() throws Exception {
        var ctx = io.mpscope.multiprocessing.Multiprocessing.getContext();
        var lock = ctx.lock("codec-lock");
        var value = ctx.intValue(5);
        Process p = new Process(() -> record(lock, value));
        ProcessCodec.Encoded e = ProcessCodec.encode(p);
        assertEquals(ProcessCodec.LAMBDA, e.format());
        ProcessCodec.decode(e.format(), e.bytes()).run();
        assertEquals(List.of(lock, value), SEEN.get(), "one object per primitive in a process");

        var barrier = ctx.barrier(2);
        assertEquals(ProcessCodec.JAVA, ProcessCodec.encode(new Process(() -> record(barrier))).format(),
                "a barrier carries its action, so it takes Java serialization");
    }

    @Test
    void aProcessWithoutTargetUsesTheCompactForm() throws Exception {
        Process p = new Process();
        ProcessCodec.Encoded e = ProcessCodec.encode(p);
        assertEquals(ProcessCodec.LAMBDA, e.format());
        Process back = ProcessCodec.decode(e.format(), e.bytes());
        assertNull(back.target());
        back.run();
    }

    @Test
    void capturedObjectsAndSubclassesUseJavaSerialization() throws Exception {
        ArrayList<String> list = new ArrayList<>(List.of("x"));
        Process withObject = new Process(() -> record(list.get(0)));
        assertEquals(ProcessCodec.JAVA, ProcessCodec.encode(withObject).format());

        Process sub = new Worker();
        ProcessCodec.Encoded e = ProcessCodec.encode(sub);
        assertEquals(ProcessCodec.JAVA, e.format());
        Process back = ProcessCodec.decode(e.format(), e.bytes());
        assertEquals(Worker.class, back.getClass());
        assertEquals(sub.getName(), back.getName());
    }

    @Test
    void aMalformedCompactFormIsRejectedWithAReason() {
        IOException e = assertThrows(IOException.class,
                () -> ProcessCodec.decode(ProcessCodec.LAMBDA, new byte[] {0, 1, 'x', 0, 0x7f, 0, 0, 0}));
        assertFalse(e.getMessage() == null || e.getMessage().isEmpty());
        assertThrows(IOException.class, () -> ProcessCodec.decode((byte) 9, new byte[0]));
    }

    static final class Worker extends Process {
        private static final long serialVersionUID = 1L;
        final int n = 3;

        @Override
        public void run() {
            record(n);
        }
    }
}
