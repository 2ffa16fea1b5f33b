package io.mpscope.multiprocessing.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.SerializationException;
import io.mpscope.multiprocessing.testsupport.Elsewhere;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Pipe and Connection must do (CPython §2.5), between threads and between processes. */
abstract class PipeContract {
    static final Duration LONG = Duration.ofSeconds(60);

    abstract Elsewhere elsewhere();

    final Context ctx = Multiprocessing.getContext();

    @Test
    void duplexEchoBothWays() throws Exception {
        Pipe p = ctx.pipe();
        Connection a = p.conn1();
        Connection b = p.conn2();
        Elsewhere.Party e = elsewhere().start(() -> {
            for (int i = 0; i < 500; i++) {
                b.send(b.recv());
            }
        });
        for (int i = 0; i < 500; i++) {
            a.send(List.of("m", i));
            assertEquals(List.of("m", i), a.recv());
        }
        assertTrue(e.join(LONG));
        assertEquals(0, e.exitCode());
    }

    @Test
    void oneWayPipeEndsHaveOneDirection() {
        Pipe p = ctx.pipe(false);
        assertTrue(p.conn1().isReadable());
        assertFalse(p.conn1().isWritable());
        assertTrue(p.conn2().isWritable());
        assertFalse(p.conn2().isReadable());
        assertThrows(IllegalStateException.class, () -> p.conn1().send(1));
        assertThrows(IllegalStateException.class, p.conn2()::recv);
    }

    @Test
    void bytesMessagesAndBufferTooShort() throws Exception {
        Pipe p = ctx.pipe(false);
        Connection r = p.conn1();
        Connection w = p.conn2();
        Elsewhere.Party e = elsewhere().start(() -> {
            w.sendBytes("hello".getBytes());
            w.sendBytes("xxworldxx".getBytes(), 2, 5);
            w.sendBytes(new byte[100]);
        });
        assertArrayEquals("hello".getBytes(), r.recvBytes());
        byte[] buf = new byte[10];
        assertEquals(5, r.recvBytesInto(buf, 3));
        assertEquals("world", new String(buf, 3, 5));
        BufferTooShortException tooShort = assertThrows(BufferTooShortException.class, () -> r.recvBytesInto(buf, 0));
        assertEquals(100, tooShort.message().length);
        assertTrue(e.join(LONG));
    }

    @Test
    void aByteArrayChangedAfterSendArrivesAsItWasSent() throws Exception {
        // send and sendBytes copy the array into the ring before they return (no copy of their own)
        Pipe p = ctx.pipe(false);
        Connection r = p.conn1();
        Connection w = p.conn2();
        byte[] a = {1, 2, 3};
        w.send(a);
        a[0] = 9;
        w.sendBytes(a);
        a[0] = 8;
        w.sendBytes(a, 1, 2);
        a[1] = 7;
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) r.recv());
        assertArrayEquals(new byte[] {9, 2, 3}, r.recvBytes());
        assertArrayEquals(new byte[] {2, 3}, r.recvBytes());
    }

    @Test
    void pollWaitsForAMessage() throws Exception {
        Pipe p = ctx.pipe(false);
        Connection r = p.conn1();
        Connection w = p.conn2();
        assertFalse(r.poll());
        assertFalse(r.poll(Duration.ofMillis(100)));
        Elsewhere.Party e = elsewhere().start(() -> {
            Thread.sleep(100);
            w.send("late");
        });
        assertTrue(r.poll(LONG));
        assertTrue(r.poll(), "poll does not consume");
        assertEquals("late", r.recv());
        assertTrue(e.join(LONG));
    }

    @Test
    void endOfFileWhenTheOtherEndIsClosedAndDrained() throws Exception {
        Pipe p = ctx.pipe(false);
        Connection r = p.conn1();
        Connection w = p.conn2();
        Elsewhere.Party e = elsewhere().start(() -> {
            w.send(1);
            w.send(2);
            w.close();
        });
        if (elsewhere().processes()) {
            w.close(); // the parent's copy, as CPython programs close theirs after start()
        }
        assertEquals(1, r.recv());
        assertEquals(2, r.recv());
        EOFException eof = assertThrows(EOFException.class, r::recv);
        assertTrue(eof.getMessage().startsWith("end of file"), eof.getMessage());
        assertTrue(r.poll(), "poll is true at end of file");
        assertTrue(e.join(LONG));
    }

    @Test
    void sendingToAClosedReaderIsABrokenPipe() throws Exception {
        Pipe p = ctx.pipe(false);
        Connection r = p.conn1();
        Connection w = p.conn2();
        r.close();
        IOException e = assertThrows(IOException.class, () -> w.send("nobody reads"));
        assertTrue(e.getMessage().startsWith("broken pipe"), e.getMessage());
        assertThrows(IllegalStateException.class, r::recv);
    }

    @Test
    void anUnserializableMessageFailsInSend() {
        Pipe p = ctx.pipe();
        assertThrows(SerializationException.class, () -> p.conn1().send(new Object()));
    }

    @Test
    void waitReturnsTheReadyConnections() throws Exception {
        Pipe p1 = ctx.pipe(false);
        Pipe p2 = ctx.pipe(false);
        assertEquals(List.of(), Connection.wait(List.of(p1.conn1(), p2.conn1()), Duration.ofMillis(50)));
        Connection w2 = p2.conn2();
        Elsewhere.Party e = elsewhere().start(() -> w2.send("two"));
        List<Object> ready = Connection.wait(List.of(p1.conn1(), p2.conn1()), LONG);
        assertEquals(List.of(p2.conn1()), ready);
        assertEquals("two", p2.conn1().recv());
        assertTrue(e.join(LONG));
    }
}
