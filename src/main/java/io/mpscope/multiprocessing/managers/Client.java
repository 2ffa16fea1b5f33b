package io.mpscope.multiprocessing.managers;

import io.mpscope.multiprocessing.connection.Connection;
import io.mpscope.multiprocessing.process.ProcessRuntime;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client side of the manager protocol: one connection per (thread, server), as CPython keeps one per thread;
 * its HMAC handshake, the optional move to a shared-memory channel, requests, replies, and the re-raising of
 * server-side exceptions with the server's stack trace as the cause. Also the references proxies hold: a proxy
 * deserialized in a process holds one, released (decref) when the proxy is garbage-collected.
 */
final class Client {
    private static final ThreadLocal<Map<String, Channel>> CHANNELS = ThreadLocal.withInitial(HashMap::new);
    /** The authkey of the connection whose reply is being decoded: proxies inside it use the same key. */
    static final ThreadLocal<byte[]> DECODING_KEY = new ThreadLocal<>();
    static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "mp-manager-cleaner");
        t.setDaemon(true);
        return t;
    });
    private static final LinkedBlockingQueue<Decref> DECREFS = new LinkedBlockingQueue<>();
    private static volatile Thread decrefThread;

    private Client() {
    }

    /** An open connection to one server, on the socket or on a shared-memory channel. */
    static final class Channel {
        final String address;
        final byte[] key;
        Wire wire;
        Connection conn;
        ChannelSpin spin;

        Channel(String address, byte[] key) {
            this.address = address;
            this.key = key;
        }

        byte[] roundTrip(byte[] req) throws IOException, InterruptedException {
            if (conn != null) {
                conn.sendBytes(req);
                long start = spin.beforeWait(conn::poll);
                byte[] reply = conn.recvBytes();
                spin.afterWait(start);
                return reply;
            }
            wire.send(req);
            return wire.receive(Integer.MAX_VALUE - 8);
        }

        void close() {
            try {
                if (conn != null) {
                    conn.close();
                }
                if (wire != null) {
                    wire.close();
                }
            } catch (IOException | RuntimeException e) {
                // closing
            }
        }
    }

    /**
     * Connects and authenticates both ways; with {@code hello}, introduces this process and takes a shared-memory
     * channel if the server offers one.
     *
     * @throws io.mpscope.multiprocessing.AuthenticationException if either side's key is wrong
     */
    static Channel open(String address, byte[] key, boolean hello, boolean sharedMemory) throws IOException {
        Channel ch = new Channel(address, key);
        ch.wire = Wire.connect(address);
        try {
            ch.wire.answerChallenge(key);
            ch.wire.deliverChallenge(key);
            if (hello) {
                String session = sharedMemory ? sessionOrNone() : "";
                byte[] req = new Messages.Out(Messages.HELLO).longValue(ProcessRuntime.pid())
                        .utf(ProcessRuntime.current().getName()).utf(session).bool(!session.isEmpty())
                        .toByteArray();
                ch.wire.send(req);
                Messages.In in = new Messages.In(ch.wire.receive(1 << 20));
                if (in.first() != Messages.OK) {
                    throw new IOException("manager refused the hello: address=" + address);
                }
                in.utf();
                Object c = in.value();
                if (c instanceof Connection conn) {
                    ch.conn = conn.spinBeforeSleeping(0); // ChannelSpin yields instead
                    ch.spin = new ChannelSpin();
                    ch.wire.close();
                    ch.wire = null;
                }
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    /** This process's session, or "" if it has none (no shared memory here): the client then stays on the socket. */
    private static String sessionOrNone() {
        try {
            return SharedRuntime.get().sessionId();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static Channel channel(String address, byte[] key) {
        Map<String, Channel> m = CHANNELS.get();
        Channel ch = m.get(address);
        if (ch != null && Arrays.equals(ch.key, key)) {
            return ch;
        }
        if (ch != null) {
            ch.close();
        }
        try {
            ch = open(address, key, true, address.startsWith("unix:"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the manager: address=" + address + " reason=" + e, e);
        }
        m.put(address, ch);
        return ch;
    }

    /** Makes {@code ch} this thread's connection to its server (the warm-up's channel), closing any before it. */
    static void adopt(Channel ch) {
        Channel old = CHANNELS.get().put(ch.address, ch);
        if (old != null && old != ch) {
            old.close();
        }
    }

    /** Forgets this thread's connection to {@code address} (after a failure, or when the manager shuts down). */
    static void forget(String address) {
        Channel ch = CHANNELS.get().remove(address);
        if (ch != null) {
            ch.close();
        }
    }

    /** Sends {@code req} and decodes the reply: a value, or the server's exception re-raised here. */
    static Object request(String address, byte[] key, byte[] req) {
        // null: the process's authkey, read now (a proxy may be deserialized before its process knows its key)
        key = key != null ? key : ProcessRuntime.authkey();
        Channel ch = channel(address, key);
        byte[] reply;
        try {
            reply = ch.roundTrip(req);
        } catch (EOFException e) {
            forget(address);
            throw new UncheckedIOException("manager connection closed: the server has shut down or died: address="
                    + address, e);
        } catch (IOException e) {
            forget(address);
            throw new UncheckedIOException("manager connection failed: address=" + address + " reason=" + e, e);
        } catch (InterruptedException e) {
            forget(address); // the reply may still come: this connection is out of step now
            Thread.currentThread().interrupt();
            throw new RemoteException("interrupted while waiting for the manager: address=" + address, e);
        }
        return decode(reply, key, address);
    }

    static Object call(Token t, byte[] key, String method, Object[] args) {
        return request(t.address(), key, callRequest(t, method, args));
    }

    static byte[] callRequest(Token t, String method, Object[] args) {
        return new Messages.Out(Messages.CALL).longValue(t.id()).utf(method)
                .values(args, "argument of " + method + " for a " + t.typeid()).toByteArray();
    }

    static Object create(String address, byte[] key, String typeid, Object[] args) {
        byte[] req = new Messages.Out(Messages.CREATE).utf(typeid).values(args, "argument of " + typeid + "()")
                .toByteArray();
        return request(address, key, req);
    }

    static void incref(Token t, byte[] key) {
        request(t.address(), key, new Messages.Out(Messages.INCREF).longValue(t.id()).toByteArray());
    }

    static Object decode(byte[] reply, byte[] key, String address) {
        byte[] previous = DECODING_KEY.get();
        DECODING_KEY.set(key);
        try {
            Messages.In in = new Messages.In(reply);
            byte status = in.first();
            if (status == Messages.OK) {
                return in.value();
            }
            String cls = in.utf();
            String msg = in.utf();
            String stack = (String) in.value();
            Throwable remote;
            try {
                remote = (Throwable) in.value();
            } catch (IOException e) {
                remote = null;
            }
            if (remote == null) {
                remote = new RemoteException(cls + ": " + msg + "\n---- server side ----\n" + stack, null);
            }
            throw rebuild(status == Messages.REFERENT_ERROR, cls, msg, remote, address);
        } catch (ItemDecodeException e) {
            throw new RemoteException("cannot decode the manager's reply: address=" + address + " reason="
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("malformed reply from the manager: address=" + address, e);
        } finally {
            DECODING_KEY.set(previous);
        }
    }

    /**
     * The exception to throw here for a server-side {@code remote}: one of the same type (message kept) whose cause
     * is the server's, so the trace shows both sides; a {@link RemoteException} when that cannot be made, for a
     * checked exception, or for an error of the server itself.
     */
    private static RuntimeException rebuild(boolean referent, String cls, String msg, Throwable remote,
                                            String address) {
        if (remote instanceof RuntimeException || remote instanceof Error) {
            Throwable local = sameType(remote);
            if (local instanceof RuntimeException r) {
                return r;
            }
            if (local instanceof Error err) {
                throw err;
            }
        }
        String what = referent ? "the object raised " : "manager server error: ";
        return new RemoteException(what + cls + ": " + msg + " address=" + address, remote);
    }

    private static Throwable sameType(Throwable remote) {
        try {
            Constructor<? extends Throwable> c = remote.getClass().getConstructor(String.class);
            Throwable t = c.newInstance(remote.getMessage());
            t.initCause(remote);
            return t;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    // ---- references held by proxies

    /** References held by this process's proxies and not yet released: released at exit, as CPython's finalizers do. */
    private static final java.util.Set<Decref> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicBoolean EXIT_HOOKED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Registers {@code holder} (a proxy, or an interface proxy's handler) to release its reference when collected. */
    static void track(Object holder, Token t, byte[] key) {
        if (Server.LOCAL.containsKey(t.address())) {
            return; // in the server's own JVM: the server keeps what it holds
        }
        Decref d = new Decref(t.address(), key, t.id());
        LIVE.add(d);
        if (EXIT_HOOKED.compareAndSet(false, true)) {
            ProcessRuntime.addExitFinalizer(Client::releaseAll);
        }
        CLEANER.register(holder, d);
    }

    /** Servers known to have ended in this process's view (shut down, or terminated at exit). */
    private static final java.util.Set<String> GONE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Notes that the server at {@code address} has ended: its references are not released one by one. */
    static void gone(String address) {
        GONE.add(address);
        forget(address);
    }

    /** Releases every reference still held, synchronously (at process exit); a server that is gone is skipped. */
    static void releaseAll() {
        List<Decref> all = new ArrayList<>();
        for (Decref d : LIVE) {
            if (LIVE.remove(d) && !GONE.contains(d.address)) {
                all.add(d);
            }
        }
        send(all);
    }

    /** A reference to release (identity equality: two proxies of one object hold two references). */
    static final class Decref implements Runnable {
        final String address;
        final byte[] key;
        final long id;

        Decref(String address, byte[] key, long id) {
            this.address = address;
            this.key = key;
            this.id = id;
        }

        @Override
        public void run() {
            if (LIVE.remove(this)) {
                DECREFS.add(this);
                startDecrefThread();
            }
        }
    }

    private static synchronized void startDecrefThread() {
        if (decrefThread != null) {
            return;
        }
        Thread t = new Thread(Client::decrefLoop, "mp-manager-decref");
        t.setDaemon(true);
        decrefThread = t;
        t.start();
    }

    private static void decrefLoop() {
        while (true) {
            List<Decref> batch = new ArrayList<>();
            try {
                Decref first = DECREFS.poll(1, TimeUnit.HOURS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return;
            }
            DECREFS.drainTo(batch);
            send(batch);
        }
    }

    /** Sends {@code batch} as one DECREF per server (package-private: the warm-up sends one too). */
    static void send(List<Decref> batch) {
        Map<String, List<Decref>> byServer = new HashMap<>();
        for (Decref d : batch) {
            byServer.computeIfAbsent(d.address, a -> new ArrayList<>()).add(d);
        }
        for (List<Decref> ds : byServer.values()) {
            Messages.Out o = new Messages.Out(Messages.DECREF).intValue(ds.size());
            ds.forEach(d -> o.longValue(d.id));
            try {
                request(ds.get(0).address, ds.get(0).key, o.toByteArray());
            } catch (RuntimeException e) {
                // the server is gone: its objects went with it
            }
        }
    }
}
