package io.mpscope.app.services;

import ch.qos.logback.classic.LoggerContext;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.util.LogHandler;
import io.mpscope.multiprocessing.util.LogLevel;
import io.mpscope.multiprocessing.util.MpLogger;
import io.mpscope.multiprocessing.util.Slf4jHandler;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the Logback records of the app and of every child JVM it launches into one bounded {@link LogBuffer}.
 *
 * <p>Transport, and why:
 * <ul>
 * <li>The app's own records: {@link AppLogAppender} on the app's root logger (no IO at all).
 * <li>Children: the library gives each child the app's own system properties, so {@link #start()} sets a loopback
 *     port and a random token, and {@link ChildLogConfigurator} (a Logback SPI configurator) gives every such child
 *     one {@link ChildLogAppender} and no console output; the appender connects at the first record and writes small
 *     binary frames. Records arrive as they are logged, keep their level, thread, logger and stack trace, and
 *     survive a child's death (each frame is flushed). Parsing stderr from the 8 KiB output tail instead would lose
 *     records when output is busy and mix them with the program's own output.
 * <li>The {@code multiprocessing} logger: {@link #start()} adds a {@link Slf4jHandler} and sets the level to INFO
 *     unless one was set; children inherit both, so their lifecycle records ({@code child process calling
 *     self.run()}) come through SLF4J with the process name in the MDC key {@code mp.process}.
 * </ul>
 * The server reads each connection on one daemon thread ({@code mp-log-N}); a connection without the token is
 * closed. At most {@value #MAX_CONNECTIONS} children are read at a time; records beyond the buffer's capacity drop
 * the oldest. {@link #close()} restores the properties and the logger as they were.
 */
public final class LogService implements AutoCloseable {
    /** The system property with the port children connect to. */
    public static final String PORT_PROPERTY = "mpscope.app.logPort";
    /** The system property with the token children present. */
    public static final String TOKEN_PROPERTY = "mpscope.app.logToken";
    static final int MAX_CONNECTIONS = 256;

    private static final Logger log = LoggerFactory.getLogger(LogService.class);

    private final LogBuffer buffer;
    private final String token;
    private final Map<String, String> savedProperties = new HashMap<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private ServerSocket server;
    private AppLogAppender appender;
    private LogHandler addedHandler;
    private LogLevel savedLevel;
    private boolean started;
    private volatile boolean closed;

    /** A service that collects into {@code buffer}. */
    public LogService(LogBuffer buffer) {
        this.buffer = buffer;
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        this.token = HexFormat.of().formatHex(t);
    }

    /** The buffer records go to. */
    public LogBuffer buffer() {
        return buffer;
    }

    /** The port children connect to, or -1 before {@link #start()}. */
    public synchronized int port() {
        return server == null ? -1 : server.getLocalPort();
    }

    /**
     * Attaches the in-app appender, opens the loopback server and sets the properties children inherit. Call it
     * before launching children, after the app's own Logback configuration has loaded. Best effort: a part that
     * cannot start is logged and skipped (the app runs without it).
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("log service already started: port=" + port());
        }
        started = true;
        ILoggerFactory factory = LoggerFactory.getILoggerFactory(); // loads the app's own configuration first
        if (factory instanceof LoggerContext) {
            appender = new AppLogAppender(buffer);
            appender.setContext((LoggerContext) factory);
            appender.start();
            ((LoggerContext) factory).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        } else {
            log.warn("log view shows no app records: the SLF4J backend is not Logback: factory={}",
                    factory.getClass().getName());
        }
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::acceptLoop, "mp-log-accept");
            accept.setDaemon(true);
            accept.start();
            setProperty(PORT_PROPERTY, Integer.toString(server.getLocalPort()));
            setProperty(TOKEN_PROPERTY, token);
        } catch (IOException e) {
            log.warn("log view shows no child records: cannot open a loopback port", e);
        }
        MpLogger mp = Multiprocessing.getLogger();
        if (mp.getHandlers().stream().noneMatch(h -> h instanceof Slf4jHandler)) {
            addedHandler = new Slf4jHandler();
            mp.addHandler(addedHandler);
        }
        if (mp.getLevel() == LogLevel.NOTSET) {
            savedLevel = mp.getLevel();
            mp.setLevel(LogLevel.INFO);
        }
    }

    private void setProperty(String key, String value) {
        savedProperties.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    private void acceptLoop() {
        ServerSocket s = server;
        while (!closed) {
            Socket c;
            try {
                c = s.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("log service stopped accepting children: port={}", s.getLocalPort(), e);
                }
                return;
            }
            if (connections.size() >= MAX_CONNECTIONS) {
                log.warn("too many children logging, connection refused: limit={}", MAX_CONNECTIONS);
                closeQuietly(c);
                continue;
            }
            connections.add(c);
            Thread t = new Thread(() -> read(c), "mp-log-" + threads.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    /** Reads one child's records until it disconnects. */
    private void read(Socket c) {
        try (c) {
            c.setSoTimeout(5000); // the hello comes at once; a silent connection is not a child of ours
            DataInputStream in = new DataInputStream(new BufferedInputStream(c.getInputStream(), 8192));
            if (!ChildLogAppender.HELLO.equals(in.readUTF())
                    || !MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                    in.readUTF().getBytes(StandardCharsets.US_ASCII))) {
                log.warn("log connection without the token closed: remote={}", c.getRemoteSocketAddress());
                return;
            }
            long pid = in.readLong();
            c.setSoTimeout(0); // a child may log rarely
            LogEvent.Level[] levels = LogEvent.Level.values();
            while (!closed) {
                int kind;
                try {
                    kind = in.readByte();
                } catch (EOFException e) {
                    return; // the child ended
                }
                if (kind != 1) {
                    log.warn("malformed log frame, connection closed: pid={} kind={}", pid, kind);
                    return;
                }
                long time = in.readLong();
                int level = in.readByte();
                String process = in.readUTF();
                String thread = in.readUTF();
                String logger = in.readUTF();
                String message = in.readUTF();
                String throwable = in.readUTF();
                buffer.add(new LogEvent(0, time, levels[Math.max(0, Math.min(levels.length - 1, level))], pid,
                        process, thread, logger, message, throwable));
            }
        } catch (SocketException | EOFException e) {
            // the child went away mid-frame, or we are closing
        } catch (IOException e) {
            if (!closed) {
                log.warn("log connection failed: remote={}", c.getRemoteSocketAddress(), e);
            }
        } finally {
            connections.remove(c);
        }
    }

    private static void closeQuietly(Socket c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Detaches the appender, closes the server and connections, restores the properties and the logger. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (appender != null) {
            ILoggerFactory factory = LoggerFactory.getILoggerFactory();
            if (factory instanceof LoggerContext) {
                ((LoggerContext) factory).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            }
            appender.stop();
        }
        for (Map.Entry<String, String> e : savedProperties.entrySet()) {
            if (e.getValue() == null) {
                System.clearProperty(e.getKey());
            } else {
                System.setProperty(e.getKey(), e.getValue());
            }
        }
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Socket c : connections) {
            closeQuietly(c);
        }
        MpLogger mp = Multiprocessing.getLogger();
        if (addedHandler != null) {
            mp.removeHandler(addedHandler);
        }
        if (savedLevel != null) {
            mp.setLevel(savedLevel);
        }
    }
}
