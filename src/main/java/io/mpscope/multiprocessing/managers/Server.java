package io.mpscope.multiprocessing.managers;

import static io.mpscope.multiprocessing.shm.ManagerLayout.*;

import io.mpscope.multiprocessing.AuthenticationException;
import io.mpscope.multiprocessing.connection.Connection;
import io.mpscope.multiprocessing.connection.Pipe;
import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.process.ProcessRuntime;
import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.Serializable;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manager's server: owns the objects, listens on its address, and answers proxies, one thread per connection.
 * Every connection passes the HMAC challenge both ways before anything else is read; a frame longer than the
 * maximum, or one that does not parse, closes that connection only. A client of the same session may move its
 * calls to a shared-memory channel after the handshake. The server publishes a summary of its objects to shared
 * memory a few times a second for observers ({@link io.mpscope.multiprocessing.shm.ManagerLayout}).
 *
 * <p>Thread-safe. Python: {@code multiprocessing.managers.Server}.
 */
public final class Server {
    /** Made on first use: initializing the logging backend costs a cold JVM ~100 ms, and start-up needs none. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(Server.class);
    }
    /** The servers running in this JVM, by address: a proxy deserialized here holds no remote reference. */
    static final Map<String, Server> LOCAL = new ConcurrentHashMap<>();
    private static final long PUBLISH_NANOS = 100_000_000L;
    /** Shared-memory channels one server hands out in its life; later clients stay on the socket. */
    static final int MAX_CHANNELS = Integer.getInteger("mpscope.manager.maxChannels", 256);
    /**
     * Bytes of each direction of a channel: a request or reply above an eighth of it (8 KiB) travels through a file
     * of its own. Small, since a channel holds one message at a time and its memory lives as long as the session.
     */
    static final int CHANNEL_CAPACITY = 64 << 10;

    private final String name;
    private final ServerSocketChannel listener;
    private final String address;
    private final byte[] authkey;
    private final int maxFrame;
    private final boolean sharedMemory;
    private final Map<String, Registration> registry;
    private final Map<Long, Holder> objects = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicInteger channelsGranted = new AtomicInteger();
    private final Object publishLock = new Object();
    private volatile boolean stopping;
    private volatile boolean dirty = true;
    private volatile boolean started;
    private SharedRuntime.Created summary;

    /** One object and what the observer shows about it. */
    static final class Holder {
        final long id;
        final String typeid;
        final Referent ref;
        final AtomicInteger refs = new AtomicInteger();
        volatile long changedMillis;
        volatile long changedPid;
        volatile String changedBy = "";
        volatile String changedOp = "";

        Holder(long id, String typeid, Referent ref) {
            this.id = id;
            this.typeid = typeid;
            this.ref = ref;
        }
    }

    /** Who is on the other end of a connection (from its HELLO). */
    static final class Peer {
        long pid;
        String process = "";
    }

    /** Binds {@code address} ({@code unix:/path} or {@code tcp:host:port}). */
    Server(String name, String address, byte[] authkey, Map<String, Registration> registry, int maxFrame,
           boolean sharedMemory) throws IOException {
        this(name, address, authkey, registry, maxFrame, sharedMemory, true);
    }

    /** With {@code bind} false, a server that only answers {@link #handle} (a standby JVM's warm-up). */
    Server(String name, String address, byte[] authkey, Map<String, Registration> registry, int maxFrame,
           boolean sharedMemory, boolean bind) throws IOException {
        this.name = name;
        this.authkey = authkey.clone();
        this.maxFrame = maxFrame;
        this.sharedMemory = sharedMemory;
        this.registry = Map.copyOf(registry);
        if (!bind) {
            this.listener = null;
            this.address = address;
            LOCAL.put(address, this);
            return;
        }
        SocketAddress a = Wire.parse(address);
        if (a instanceof UnixDomainSocketAddress u) {
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(u);
            this.address = address;
        } else {
            listener = ServerSocketChannel.open();
            listener.bind(a);
            this.address = Wire.format(new InetSocketAddress(((InetSocketAddress) a).getAddress(),
                    ((InetSocketAddress) listener.getLocalAddress()).getPort()));
        }
        LOCAL.put(this.address, this);
    }

    /** Where it listens: {@code unix:/path} or {@code tcp:host:port}. Python: {@code Server.address}. */
    public String getAddress() {
        return address;
    }

    /** The socket address it listens on. */
    public SocketAddress getSocketAddress() {
        return Wire.parse(address);
    }

    /**
     * Serves until a client asks for shutdown or {@link #shutdown()} is called, then closes the socket and every
     * connection. Blocks.
     *
     * @throws InterruptedException if interrupted while serving (the server keeps serving: call shutdown)
     *
     * <p>Python: {@code Server.serve_forever()}.
     */
    public void serveForever() throws InterruptedException {
        startServing();
        stopped.await();
    }

    /** Starts the accepting and publishing threads and returns. */
    synchronized void startServing() {
        if (started) {
            return;
        }
        started = true;
        try {
            summary = SharedRuntime.get().create(PrimitiveKind.MANAGER, LENGTH, name, -1, 0, 0,
                    b -> b.region().setLongPlain(b.offset() + SERVER_PID_OFFSET, ProcessRuntime.pid()));
        } catch (RuntimeException e) {
            Log.LOG.warn("manager summary not published: name={} reason={}", name, e.toString());
        }
        publish();
        Thread acceptor = new Thread(this::acceptLoop, "mp-manager-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        Thread publisher = new Thread(this::publishLoop, "mp-manager-publish");
        publisher.setDaemon(true);
        publisher.start();
    }

    /** Stops serving: closes the socket (and removes a Unix socket's file) and every connection. Idempotent. */
    public void shutdown() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        LOCAL.remove(address, this);
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            // closing
        }
        if (address.startsWith("unix:")) {
            Path p = Path.of(address.substring(5));
            try {
                Files.deleteIfExists(p);
                Path dir = p.getParent();
                if (dir != null && dir.getFileName().toString().startsWith("mpm-")) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                Log.LOG.debug("cannot remove the manager socket: path={} reason={}", p, e.toString());
            }
        }
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // closing
            }
        }
        publish();
        stopped.countDown();
    }

    boolean isStopping() {
        return stopping;
    }

    // ---- connections

    private void acceptLoop() {
        while (!stopping) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!stopping) {
                    Log.LOG.warn("manager accept failed: address={} reason={}", address, e.toString());
                }
                return;
            }
            Thread t = new Thread(() -> serveSocket(ch), "mp-manager-conn-" + connectionCount.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serveSocket(SocketChannel ch) {
        Wire w = new Wire(ch);
        open.add(w);
        try {
            if (stopping) {
                return;
            }
            try {
                w.deliverChallenge(authkey);
                w.answerChallenge(authkey);
            } catch (AuthenticationException | IOException e) {
                Log.LOG.debug("manager connection refused: address={} reason={}", address, e.toString());
                return;
            }
            Peer peer = new Peer();
            while (!stopping) {
                byte[] req = w.receive(maxFrame);
                if (req.length == 0) {
                    throw new Wire.FrameException("empty frame");
                }
                if (req[0] == Messages.HELLO) {
                    Connection channel = hello(req, peer, w);
                    if (channel != null) {
                        open.remove(w);
                        w.close();
                        servePipe(channel, peer);
                        return;
                    }
                    continue;
                }
                if (req[0] == Messages.SHUTDOWN) {
                    w.send(new Messages.Out(Messages.OK).value(null, "reply").toByteArray());
                    shutdown();
                    return;
                }
                w.send(handle(req, peer));
            }
        } catch (EOFException | ClosedChannelException e) {
            // the client went away
        } catch (IOException e) {
            if (!stopping) {
                Log.LOG.debug("manager connection closed: address={} reason={}", address, e.toString());
            }
        } catch (RuntimeException | Error e) {
            Log.LOG.warn("manager connection failed: address={} reason={}", address, e.toString());
        } finally {
            open.remove(w);
            try {
                w.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    /** Answers a HELLO; returns the server's end of a new shared-memory channel if the client takes one. */
    private Connection hello(byte[] req, Peer peer, Wire w) throws IOException {
        Messages.In in = new Messages.In(req);
        in.first();
        peer.pid = in.longValue();
        peer.process = in.utf();
        String session = in.utf();
        boolean wantShm = in.bool();
        String mine = SharedRuntime.get().sessionId();
        Pipe pipe = null;
        // A session's shared memory lives as long as the session, channels included: past MAX_CHANNELS a client
        // stays on the socket, so that threads coming and going cannot use up the session's primitive directory.
        if (wantShm && sharedMemory && mine.equals(session) && channelsGranted.getAndIncrement() < MAX_CHANNELS) {
            pipe = Pipe.create(name + " channel pid=" + peer.pid, true, CHANNEL_CAPACITY);
        }
        Messages.Out o = new Messages.Out(Messages.OK).utf(mine);
        o.value(pipe != null ? pipe.conn2() : null, "channel");
        w.send(o.toByteArray());
        if (pipe == null) {
            return null;
        }
        pipe.conn2().close(); // the client's end is on its way (counted as pending until it arrives)
        return pipe.conn1();
    }

    /** Serves one shared-memory channel until the client closes it (package-private: ManagerWarmup runs it too). */
    void servePipe(Connection c, Peer peer) {
        open.add(c);
        c.spinBeforeSleeping(0); // ChannelSpin yields instead
        ChannelSpin spin = new ChannelSpin();
        try {
            while (!stopping) {
                long start = spin.beforeWait(c::poll);
                byte[] req = c.recvBytes();
                spin.afterWait(start);
                if (req.length == 0) {
                    break;
                }
                if (req[0] == Messages.SHUTDOWN) {
                    c.sendBytes(new Messages.Out(Messages.OK).value(null, "reply").toByteArray());
                    shutdown();
                    return;
                }
                if (req.length > maxFrame) {
                    // the socket closes its connection here, since its framing is lost; a channel's is not
                    c.sendBytes(Messages.error(new IllegalArgumentException("request too long: length=" + req.length
                            + " maxFrameLength=" + maxFrame), false));
                    continue;
                }
                c.sendBytes(handle(req, peer));
            }
        } catch (EOFException e) {
            // the client closed its end, or died
        } catch (IOException e) {
            if (!stopping) {
                Log.LOG.debug("manager channel closed: address={} reason={}", address, e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            Log.LOG.warn("manager channel failed: address={} reason={}", address, e.toString());
        } finally {
            open.remove(c);
            c.close();
        }
    }

    // ---- requests

    /**
     * Runs one request and returns the reply.
     *
     * @throws Wire.FrameException if the frame does not parse (the caller closes the connection)
     */
    byte[] handle(byte[] req, Peer peer) throws Wire.FrameException {
        Messages.In in = new Messages.In(req);
        byte op;
        long id = 0;
        String method = "";
        String typeid = "";
        Object[] args;
        try {
            op = in.first();
            switch (op) {
                case Messages.CALL -> {
                    id = in.longValue();
                    method = in.utf();
                    args = in.values();
                }
                case Messages.CREATE -> {
                    typeid = in.utf();
                    args = in.values();
                }
                case Messages.INCREF -> {
                    id = in.longValue();
                    args = new Object[0];
                }
                case Messages.DECREF -> {
                    int n = in.intValue();
                    if (n < 0 || n > req.length / 8) {
                        throw new Wire.FrameException("bad decref count: count=" + n);
                    }
                    for (int i = 0; i < n; i++) {
                        decref(in.longValue());
                    }
                    return ok(null);
                }
                case Messages.DUMMY -> {
                    return ok(null);
                }
                default -> throw new Wire.FrameException("unknown request: op=" + op);
            }
        } catch (ItemDecodeException e) {
            return Messages.error(new RemoteException("cannot decode the request's arguments: " + e.getMessage(),
                    e.getCause()), false);
        } catch (Wire.FrameException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Wire.FrameException("malformed request: " + e, e);
        }
        try {
            switch (op) {
                case Messages.CREATE:
                    return ok(create(typeid, args, peer));
                case Messages.INCREF: {
                    Holder h = holder(id);
                    h.refs.incrementAndGet();
                    dirty = true;
                    return ok(null);
                }
                default:
                    break;
            }
        } catch (Exception e) {
            return Messages.error(e, false);
        }
        Holder h = objects.get(id);
        if (h == null) {
            return Messages.error(new IllegalStateException("no such object in the manager (freed, or another"
                    + " server's): id=" + id + " address=" + address), false);
        }
        Object result;
        try {
            result = h.ref.call(method, args);
        } catch (InterruptedException e) {
            return Messages.error(e, true);
        } catch (Exception | Error e) {
            return Messages.error(e, true);
        }
        if (h.ref.mutates(method)) {
            h.changedMillis = System.currentTimeMillis();
            h.changedPid = peer.pid;
            h.changedBy = peer.process;
            h.changedOp = describe(method, args);
            dirty = true;
        }
        Registration reg = registry.get(h.typeid);
        String resultType = reg != null ? reg.methodToTypeid().get(method) : null;
        try {
            if (resultType != null) {
                return ok(adopt(resultType, result));
            }
            return ok(result);
        } catch (RuntimeException e) {
            return Messages.error(new RemoteException("cannot serialize the result of " + method + ": "
                    + e.getMessage(), e), false);
        }
    }

    private static String describe(String method, Object[] args) {
        if (args.length > 0 && (method.equals("__setitem__") || method.equals("__setattr__")
                || method.equals("__delitem__") || method.equals("__delattr__") || method.equals("put")
                || method.equals("remove") || method.equals("pop"))) {
            return method + " " + Referents.text(args[0]);
        }
        return method;
    }

    private static byte[] ok(Object v) {
        return new Messages.Out(Messages.OK).value(v, "reply").toByteArray();
    }

    private Holder holder(long id) {
        Holder h = objects.get(id);
        if (h == null) {
            throw new IllegalStateException("no such object in the manager: id=" + id + " address=" + address);
        }
        return h;
    }

    private ProxyHandle create(String typeid, Object[] args, Peer peer) throws Exception {
        Registration reg = registry.get(typeid);
        if (reg == null) {
            throw new AttributeException("no typeid registered with the manager: typeid=" + typeid
                    + " registered=" + new TreeMap<>(registry).keySet());
        }
        Referent r = Referents.create(typeid, resolveLocal(args));
        if (r == null || reg.factory() != null) {
            if (reg.factory() == null) {
                throw new IllegalStateException("typeid has no factory on the server: typeid=" + typeid);
            }
            r = wrap(reg, reg.factory().create(args));
        }
        Holder h = add(typeid, r);
        h.changedMillis = System.currentTimeMillis();
        h.changedPid = peer.pid;
        h.changedBy = peer.process;
        h.changedOp = "create";
        return handleFor(h);
    }

    /** A Condition made with a lock proxy of this server uses that lock itself. */
    private Object[] resolveLocal(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof BaseProxy p && address.equals(p.token().address())) {
                Holder h = objects.get(p.token().id());
                if (h != null) {
                    out[i] = h.ref.target();
                }
            }
        }
        return out;
    }

    private static Referent wrap(Registration reg, Object o) {
        if (o instanceof Referent r) {
            return r;
        }
        return new Referents.Reflective(o, reg.exposed() == null ? null : new HashSet<>(reg.exposed()));
    }

    private ProxyHandle adopt(String typeid, Object o) {
        Registration reg = registry.get(typeid);
        Referent r = reg == null ? new Referents.Reflective(o, null) : wrap(reg, o);
        return handleFor(add(typeid, r));
    }

    private Holder add(String typeid, Referent r) {
        Holder h = new Holder(nextId.incrementAndGet(), typeid, r);
        h.refs.set(1); // the proxy about to be handed out
        objects.put(h.id, h);
        dirty = true;
        return h;
    }

    private ProxyHandle handleFor(Holder h) {
        Registration reg = registry.get(h.typeid);
        return new ProxyHandle(new Token(h.typeid, address, h.id), proxyKind(h.typeid, reg), null);
    }

    static String proxyKind(String typeid, Registration reg) {
        if (reg != null && reg.proxyInterface() != null) {
            return "iface:" + reg.proxyInterface();
        }
        return switch (typeid) {
            case "dict", "list", "Namespace", "Condition", "Event", "Barrier", "Value", "Array" -> typeid;
            case "Lock", "RLock", "Semaphore", "BoundedSemaphore" -> "Acquirer";
            case "Queue", "JoinableQueue" -> "Queue";
            default -> "Auto";
        };
    }

    /** A reference held by a proxy being serialized in this JVM. */
    void incref(long id) {
        Holder h = objects.get(id);
        if (h != null) {
            h.refs.incrementAndGet();
            dirty = true;
        }
    }

    private void decref(long id) {
        Holder h = objects.get(id);
        if (h != null && h.refs.decrementAndGet() <= 0) {
            objects.remove(id);
        }
        dirty = true;
    }

    /** The number of objects held (for tests and the summary). */
    int objectCount() {
        return objects.size();
    }

    // ---- the summary for observers

    private void publishLoop() {
        while (!stopping) {
            try {
                Thread.sleep(PUBLISH_NANOS / 1_000_000);
            } catch (InterruptedException e) {
                return;
            }
            if (dirty) {
                publish();
            }
        }
    }

    /** Rewrites the summary block under its sequence word (seqlock writer). */
    void publish() {
        SharedRuntime.Created s = summary;
        if (s == null) {
            return;
        }
        synchronized (publishLock) {
            dirty = false;
            byte[] data;
            boolean truncated;
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
                truncated = encodeSummary(new DataOutputStream(bytes), bytes);
                data = bytes.toByteArray();
            } catch (IOException e) {
                return;
            }
            MappedRegion r = s.region();
            int base = s.base();
            long seq = r.getLongPlain(base + SEQ_OFFSET);
            r.setLongVolatile(base + SEQ_OFFSET, seq + 1);
            VarHandle.storeStoreFence(); // the odd word is visible before any byte of the rewrite
            r.setLongPlain(base + PUBLISHED_MILLIS_OFFSET, System.currentTimeMillis());
            r.setIntPlain(base + OBJECT_COUNT_OFFSET, objects.size());
            r.setIntPlain(base + DATA_LENGTH_OFFSET, data.length);
            r.setIntPlain(base + FLAGS_OFFSET, (truncated ? FLAG_TRUNCATED : 0) | (stopping ? FLAG_SHUT_DOWN : 0));
            r.putBytes(base + DATA_OFFSET, data, 0, data.length);
            r.setLongRelease(base + SEQ_OFFSET, seq + 2);
        }
    }

    private boolean encodeSummary(DataOutputStream out, ByteArrayOutputStream bytes) throws IOException {
        out.writeUTF(address);
        List<Holder> all = new ArrayList<>(objects.values());
        all.sort((a, b) -> Long.compare(a.id, b.id));
        List<byte[]> parts = new ArrayList<>();
        int room = DATA_CAPACITY - bytes.size() - 4;
        boolean truncated = false;
        for (Holder h : all) {
            ByteArrayOutputStream one = new ByteArrayOutputStream(256);
            DataOutputStream o = new DataOutputStream(one);
            List<String[]> entries = new ArrayList<>();
            int size;
            try {
                size = h.ref.summarize(entries, ENTRY_LIMIT);
            } catch (RuntimeException e) {
                size = -1;
                entries.clear();
                entries.add(new String[] {"error", Referents.text(e)});
            }
            if (size > entries.size() && size > ENTRY_LIMIT) {
                truncated = true;
            }
            o.writeLong(h.id);
            o.writeUTF(h.typeid);
            o.writeInt(h.refs.get());
            o.writeInt(size);
            o.writeLong(h.changedMillis);
            o.writeLong(h.changedPid);
            o.writeUTF(h.changedBy);
            o.writeUTF(Referents.text(h.changedOp));
            o.writeInt(entries.size());
            for (String[] e : entries) {
                o.writeUTF(Referents.text(e[0]));
                o.writeUTF(Referents.text(e[1]));
            }
            byte[] b = one.toByteArray();
            if (b.length > room) {
                truncated = true;
                break;
            }
            room -= b.length;
            parts.add(b);
        }
        out.writeInt(parts.size());
        for (byte[] b : parts) {
            out.write(b);
        }
        return truncated;
    }

    // ---- the server process of a started manager

    /**
     * What a started manager's server process needs, in a compact form (plain strings, the user's factories alone
     * Java-serialized): a cold JVM deserializes records and maps slowly, and this is on the start-up path.
     */
    static byte[] encodeSpec(String name, String address, byte[] authkey, Map<String, Registration> registry,
                             int maxFrame, boolean sharedMemory) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            DataOutputStream o = new DataOutputStream(bytes);
            o.writeUTF(name);
            o.writeUTF(address);
            o.writeInt(authkey.length);
            o.write(authkey);
            o.writeInt(maxFrame);
            o.writeBoolean(sharedMemory);
            o.writeInt(registry.size());
            for (Registration r : registry.values()) {
                o.writeUTF(r.typeid());
                o.writeUTF(r.proxyInterface() == null ? "" : r.proxyInterface());
                o.writeInt(r.exposed() == null ? -1 : r.exposed().size());
                if (r.exposed() != null) {
                    for (String m : r.exposed()) {
                        o.writeUTF(m);
                    }
                }
                o.writeInt(r.methodToTypeid().size());
                for (Map.Entry<String, String> e : r.methodToTypeid().entrySet()) {
                    o.writeUTF(e.getKey());
                    o.writeUTF(e.getValue());
                }
                byte[] f = r.factory() == null ? new byte[0]
                        : io.mpscope.multiprocessing.serialization.ObjectSerializer.serialize(r.factory(),
                        "factory of typeid " + r.typeid());
                o.writeInt(f.length);
                o.write(f);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Binds the server {@link #encodeSpec} describes. */
    static Server fromSpec(byte[] spec) throws IOException, ClassNotFoundException {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(spec));
        String name = in.readUTF();
        String address = in.readUTF();
        byte[] key = new byte[in.readInt()];
        in.readFully(key);
        int maxFrame = in.readInt();
        boolean shm = in.readBoolean();
        int n = in.readInt();
        Map<String, Registration> registry = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String typeid = in.readUTF();
            String iface = in.readUTF();
            int ne = in.readInt();
            List<String> exposed = null;
            if (ne >= 0) {
                exposed = new ArrayList<>();
                for (int k = 0; k < ne; k++) {
                    exposed.add(in.readUTF());
                }
            }
            int nm = in.readInt();
            Map<String, String> m2t = new LinkedHashMap<>();
            for (int k = 0; k < nm; k++) {
                m2t.put(in.readUTF(), in.readUTF());
            }
            byte[] f = new byte[in.readInt()];
            in.readFully(f);
            Factory factory = f.length == 0 ? null
                    : (Factory) io.mpscope.multiprocessing.serialization.ObjectSerializer.deserialize(f);
            registry.put(typeid, new Registration(typeid, factory, iface.isEmpty() ? null : iface, exposed, m2t));
        }
        return new Server(name, address, key, registry, maxFrame, shm);
    }

    /** The target of a manager's server process (a class, not a lambda: it is on the start-up path). */
    static final class ServerTarget implements io.mpscope.multiprocessing.process.ProcessTarget {
        private static final long serialVersionUID = 1L;
        byte[] spec;
        final Connection ready;

        ServerTarget(Connection ready) {
            this.ready = ready;
        }

        @Override
        public void run() throws Exception {
            runChild(spec, ready);
        }
    }

    /**
     * The body of a manager's server process: binds, reports its address on {@code ready}, serves. The address goes
     * as soon as the socket is bound (a client's connection waits in the listen backlog until the acceptor runs):
     * the summary for observers and the threads start after it, off the manager's start-up path (#6:
     * manager_start_ms; they took 3-20 ms of it on a loaded 2-CPU machine).
     */
    static void runChild(byte[] spec, Connection ready) throws Exception {
        Server s;
        try {
            s = fromSpec(spec);
        } catch (Exception | Error e) {
            ready.send(new RemoteException("manager server cannot start: reason=" + e, e));
            ready.close();
            throw e;
        }
        ready.send(s.getAddress());
        ready.close();
        s.serveForever();
    }
}
