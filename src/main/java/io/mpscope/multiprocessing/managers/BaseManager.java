package io.mpscope.multiprocessing.managers;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.ProcessException;
import io.mpscope.multiprocessing.connection.Connection;
import io.mpscope.multiprocessing.connection.Pipe;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.process.ProcessRuntime;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A manager: a server (a child process named after the manager class, {@code SyncManager-1}, or the current
 * process) that owns objects and hands out proxies to them. {@link #start()} starts the server process;
 * {@link #connect()} connects to a server started elsewhere (another program, another machine), and
 * {@link #getServer()} serves from this process. Register the types it serves with {@link #register}; make objects
 * with {@link #create}. Use it in try-with-resources: {@code close()} shuts the server down.
 *
 * <p>Every connection authenticates both ways with the authkey (HMAC-SHA256 challenge, as CPython 3.12+); a wrong
 * key is an {@link io.mpscope.multiprocessing.AuthenticationException}.
 *
 * <p>Thread-safe after start. Python: {@code multiprocessing.managers.BaseManager}.
 */
public class BaseManager implements AutoCloseable {
    private enum State { INITIAL, STARTED, CONNECTED, SHUTDOWN }

    private final ManagerOptions options;
    private final Context context;
    private final Map<String, Registration> registry = new LinkedHashMap<>();
    private final byte[] authkey;
    private volatile State state = State.INITIAL;
    private Process process;
    private String address;

    /** A manager on a new private Unix socket with the process's authkey. Python: {@code BaseManager()}. */
    public BaseManager() {
        this(ManagerOptions.defaults(), null);
    }

    /**
     * A manager listening on (or, for {@link #connect()}, reaching) {@code address} with {@code authkey}. Python:
     * {@code BaseManager(address=(host, port), authkey=b'...')}.
     */
    public BaseManager(SocketAddress address, byte[] authkey) {
        this(ManagerOptions.defaults().withAddress(address).withAuthkey(authkey), null);
    }

    /** A manager with {@code options}, whose server process starts with {@code context}'s method (null: default). */
    public BaseManager(ManagerOptions options, Context context) {
        this.options = options == null ? ManagerOptions.defaults() : options;
        this.context = context;
        this.authkey = this.options.effectiveAuthkey();
    }

    /**
     * Serves {@code registration}'s typeid. Before {@link #start()} or {@link #getServer()}; on the client side of
     * a remote manager a registration without a factory names what {@link #create} may ask for.
     *
     * <p>Python: {@code BaseManager.register(typeid, callable, proxytype, exposed, method_to_typeid)}.
     */
    public synchronized void register(Registration registration) {
        if (state != State.INITIAL) {
            throw new IllegalStateException("register before start or connect: typeid=" + registration.typeid()
                    + " state=" + state);
        }
        registry.put(registration.typeid(), registration);
    }

    /** Serves {@code typeid}, made by {@code factory}. Python: {@code register(typeid, callable)}. */
    public void register(String typeid, Factory factory) {
        register(Registration.of(typeid, factory));
    }

    /** Names a typeid a remote server serves (client side). Python: {@code register(typeid)}. */
    public void register(String typeid) {
        register(Registration.of(typeid, null));
    }

    /** Registrations made so far (the subclass's built-ins included). */
    synchronized Map<String, Registration> registry() {
        return new LinkedHashMap<>(registry);
    }

    /**
     * Starts the server process and returns once it listens. Its name is the manager class's simple name and the
     * process identity ({@code SyncManager-1}); it is a daemon child: it ends with this program.
     *
     * @throws IllegalStateException if already started, connected or shut down
     * @throws ProcessException      if the server cannot start (its reason is the cause)
     *
     * <p>Python: {@code BaseManager.start()}.
     */
    public synchronized void start() {
        if (state != State.INITIAL) {
            throw new IllegalStateException(state == State.SHUTDOWN ? "manager has shut down"
                    : "manager has already been started or connected: state=" + state);
        }
        // this process will authenticate to the server in a moment: load the HMAC provider meanwhile (once: a thread
        // started for nothing competes with the server's start-up for the CPU)
        if (!ManagerWarmup.isHmacWarm()) {
            Thread hmac = new Thread(ManagerWarmup::warmHmac, "mp-manager-hmac");
            hmac.setDaemon(true);
            hmac.start();
        }
        String addr = chooseAddress();
        // one short message (the address) in a 4 KiB ring: a block of the session's arena, where a default 1 MiB
        // pipe would create and map a segment file of its own on the start-up path
        // (named, so that observers show what the spent pipe was, not a bare Pipe-N)
        Pipe pipe = Pipe.create(getClass().getSimpleName() + " address", false, 4096);
        Connection reader = pipe.conn1();
        Connection writer = pipe.conn2();
        // the name comes from the Process's identity, known once it exists: the spec is set before it travels
        Server.ServerTarget target = new Server.ServerTarget(writer);
        Process p = context != null ? context.process(target) : new Process(target);
        String name = getClass().getSimpleName() + "-" + Arrays.stream(p.getIdentity()).mapToObj(Integer::toString)
                .collect(Collectors.joining(":"));
        p.setName(name);
        p.setDaemon(true);
        target.spec = Server.encodeSpec(name, addr, authkey, registry, options.maxFrameLength(),
                options.sharedMemory());
        try {
            p.start();
        } finally {
            writer.close();
        }
        Object reply;
        try {
            reply = reader.recv();
        } catch (EOFException e) {
            p.terminate();
            throw new ProcessException("manager server process ended before it listened: name=" + name
                    + " exitcode=" + p.getExitCode(), e);
        } catch (IOException e) {
            p.terminate();
            throw new ProcessException("manager server did not report its address: name=" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.kill();
            throw new ProcessException("interrupted while starting the manager: name=" + name, e);
        } finally {
            reader.close();
        }
        if (reply instanceof Throwable t) {
            throw new ProcessException("manager server cannot start: name=" + name, t);
        }
        this.address = (String) reply;
        this.process = p;
        this.state = State.STARTED;
        // at exit the daemon server is terminated (not asked to shut down): its socket file goes here
        String started = this.address;
        ProcessRuntime.addExitFinalizer(() -> {
            Client.gone(started);
            removeSocket(started);
        });
    }

    private String chooseAddress() {
        if (options.address() != null) {
            return Wire.format(options.address());
        }
        try {
            Path dir = Files.createTempDirectory("mpm-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            return "unix:" + dir.resolve("s");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the manager's socket folder", e);
        }
    }

    /**
     * Connects to a server already running at this manager's address (started by another program, or on another
     * machine), checking the authkey both ways.
     *
     * @throws io.mpscope.multiprocessing.AuthenticationException if the keys differ
     * @throws UncheckedIOException if nothing answers at the address
     *
     * <p>Python: {@code BaseManager.connect()}.
     */
    public synchronized void connect() {
        if (state != State.INITIAL) {
            throw new IllegalStateException("manager has already been started or connected: state=" + state);
        }
        if (options.address() == null) {
            throw new IllegalStateException("connect needs the manager's address");
        }
        String addr = Wire.format(options.address());
        try {
            Client.Channel ch = Client.open(addr, authkey, false, false);
            try {
                ch.wire.send(new Messages.Out(Messages.DUMMY).toByteArray());
                Client.decode(ch.wire.receive(1 << 20), authkey, addr);
            } finally {
                ch.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the manager: address=" + addr + " reason=" + e, e);
        }
        this.address = addr;
        this.state = State.CONNECTED;
    }

    /**
     * A server in this process at this manager's address, with its registrations; call
     * {@link Server#serveForever()} on it. Python: {@code BaseManager.get_server()}.
     */
    public synchronized Server getServer() {
        if (state != State.INITIAL) {
            throw new IllegalStateException("manager has already been started or connected: state=" + state);
        }
        String addr = chooseAddress();
        try {
            Server s = new Server(getClass().getSimpleName() + "@" + ProcessRuntime.current().getName(), addr,
                    authkey, registry, options.maxFrameLength(), options.sharedMemory());
            this.address = s.getAddress();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen at the manager address: address=" + addr, e);
        }
    }

    /**
     * Asks a new object of {@code typeid} from the server and returns a proxy to it: the built-in proxy of a
     * built-in typeid, else an {@link AutoProxy}.
     *
     * @throws AttributeException if the server does not serve {@code typeid}
     *
     * <p>Python: the method {@code register} creates, {@code manager.typeid(*args)}.
     */
    public Object create(String typeid, Object... args) {
        String addr = requireAddress();
        return Client.create(addr, authkey, typeid, args);
    }

    /** As {@link #create(String, Object...)}, as a proxy implementing {@code iface}. */
    public <T> T create(String typeid, Class<T> iface, Object... args) {
        Object p = create(typeid, args);
        if (iface.isInstance(p)) {
            return iface.cast(p);
        }
        if (!(p instanceof AutoProxy auto)) {
            throw new IllegalArgumentException("the proxy of this typeid is not a " + iface.getName() + ": typeid="
                    + typeid + " proxy=" + p.getClass().getSimpleName());
        }
        Proxies.InterfaceHandler h = new Proxies.InterfaceHandler(auto.token(), iface.getName(), authkey, auto);
        return iface.cast(h.proxy());
    }

    private String requireAddress() {
        State s = state;
        if (s == State.INITIAL) {
            throw new IllegalStateException("manager has not been started");
        }
        if (s == State.SHUTDOWN) {
            throw new IllegalStateException("manager has shut down");
        }
        return address;
    }

    /**
     * Stops the server: asks it to shut down, waits up to the shutdown timeout, then terminates it and, 0.1 s
     * later, kills it (CPython 3.11+). Its socket and shared memory are gone when this returns. Idempotent; a
     * no-op for a manager that was never started.
     *
     * <p>Python: {@code BaseManager.shutdown()}.
     */
    public void shutdown() {
        Process p;
        String addr;
        synchronized (this) {
            if (state != State.STARTED) {
                if (state == State.CONNECTED) {
                    state = State.SHUTDOWN;
                }
                return;
            }
            state = State.SHUTDOWN;
            p = process;
            addr = address;
        }
        Client.gone(addr);
        try {
            Client.Channel ch = Client.open(addr, authkey, false, false);
            try {
                ch.wire.send(new Messages.Out(Messages.SHUTDOWN).toByteArray());
                ch.wire.receive(1 << 20);
            } finally {
                ch.close();
            }
        } catch (IOException | RuntimeException e) {
            // the server is gone already: terminate and kill below make sure
        }
        try {
            if (!p.join(options.shutdownTimeout())) {
                p.terminate();
                if (!p.join(Duration.ofMillis(100))) {
                    p.kill();
                    p.join(Duration.ofSeconds(5));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.kill();
        }
        removeSocket(addr);
    }

    private static void removeSocket(String addr) {
        if (addr.startsWith("unix:")) {
            Path sock = Path.of(addr.substring(5));
            try {
                Files.deleteIfExists(sock);
                if (sock.getParent() != null && sock.getParent().getFileName().toString().startsWith("mpm-")) {
                    Files.deleteIfExists(sock.getParent());
                }
            } catch (IOException e) {
                // best effort: the folder is private to this user
            }
        }
    }

    /**
     * Waits for the server process to end (after {@link #shutdown()} or its death); true if it has.
     *
     * <p>Python: {@code BaseManager.join(timeout)}.
     */
    public boolean join(Duration timeout) throws InterruptedException {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException("manager has not been started");
        }
        return p.join(timeout);
    }

    /** Waits without limit for the server process to end. */
    public void join() throws InterruptedException {
        join(null);
    }

    /** Where the server listens. Python: {@code BaseManager.address}. */
    public SocketAddress getAddress() {
        return address == null ? options.address() : Wire.parse(address);
    }

    /** The server process of a started manager, else null. */
    public Process getProcess() {
        return process;
    }

    /** Shuts the server down. Python: {@code with manager: ...} ({@code __exit__}). */
    @Override
    public void close() {
        shutdown();
    }
}
