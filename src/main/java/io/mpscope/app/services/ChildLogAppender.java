package io.mpscope.app.services;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.util.Slf4jHandler;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.text.SimpleDateFormat;
import java.util.Date;

/**
 * The Logback appender of child JVMs the app launches ({@link ChildLogConfigurator}): sends each record to the app's
 * {@link LogService} over a loopback TCP connection, opened at the first record with the port and token the app
 * put in the system properties {@value LogService#PORT_PROPERTY} and {@value LogService#TOKEN_PROPERTY} (children
 * inherit the app's system properties through the library).
 *
 * <p>Writes are synchronous (one small frame, flushed), so the records logged just before a child is killed
 * reach the app. When the app cannot be reached (no properties, connection refused, the app went away), records
 * go to stderr as text instead, so nothing is lost silently and the child never fails because of its logging.
 *
 * <pre>
 * connection: UTF "mpscope-log 1", UTF token, long pid; then per record:
 *             byte 1, long epochMillis, byte level (TRACE=0..ERROR=4), UTF process, UTF thread, UTF logger,
 *             UTF message, UTF throwable      (DataOutput; message and throwable cut to 20000 chars)
 * </pre>
 */
public final class ChildLogAppender extends AppenderBase<ILoggingEvent> {
    static final String HELLO = "mpscope-log 1";
    static final int MAX_TEXT = 20_000;

    private DataOutputStream out;
    private Socket socket;
    private boolean fallback;

    @Override
    public void start() {
        super.start();
        if (System.getProperty(LogService.PORT_PROPERTY) == null) {
            fallback = true; // not launched by the app: behave as a console appender
        }
    }

    /** AppenderBase.doAppend serializes calls, so the stream is written by one thread at a time. */
    @Override
    protected void append(ILoggingEvent e) {
        String process = e.getMDCPropertyMap().get(Slf4jHandler.MDC_KEY);
        if (process == null) {
            process = Multiprocessing.currentProcess().getName();
        }
        if (!fallback && out == null) {
            connect();
        }
        if (!fallback) {
            try {
                out.writeByte(1);
                out.writeLong(e.getTimeStamp());
                out.writeByte(LogEvent.Level.of(e.getLevel().toString()).ordinal());
                out.writeUTF(cut(process));
                out.writeUTF(cut(e.getThreadName()));
                out.writeUTF(cut(e.getLoggerName()));
                out.writeUTF(cut(e.getFormattedMessage()));
                out.writeUTF(cut(e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
                out.flush();
                return;
            } catch (IOException ex) {
                addInfo("mpscope log connection lost, logging to stderr: reason=" + ex.getMessage());
                closeQuietly();
                fallback = true;
            }
        }
        printToStderr(e, process);
    }

    private void connect() {
        try {
            int port = Integer.parseInt(System.getProperty(LogService.PORT_PROPERTY));
            String token = System.getProperty(LogService.TOKEN_PROPERTY, "");
            Socket s = new Socket();
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setTcpNoDelay(true);
            DataOutputStream d = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 8192));
            d.writeUTF(HELLO);
            d.writeUTF(token);
            d.writeLong(ProcessHandle.current().pid());
            d.flush();
            socket = s;
            out = d;
        } catch (IOException | RuntimeException ex) {
            addInfo("mpscope log service unreachable, logging to stderr: reason=" + ex);
            closeQuietly();
            fallback = true;
        }
    }

    private static void printToStderr(ILoggingEvent e, String process) {
        PrintStream err = System.err;
        String time = new SimpleDateFormat("HH:mm:ss.SSS").format(new Date(e.getTimeStamp()));
        err.println(time + " " + e.getLevel() + " [" + e.getThreadName() + "] " + process + " " + e.getLoggerName()
                + " - " + e.getFormattedMessage());
        if (e.getThrowableProxy() != null) {
            err.println(ThrowableProxyUtil.asString(e.getThrowableProxy()));
        }
        err.flush();
    }

    static String cut(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "\u2026";
    }

    private void closeQuietly() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        socket = null;
        out = null;
    }

    @Override
    public void stop() {
        closeQuietly();
        super.stop();
    }
}
