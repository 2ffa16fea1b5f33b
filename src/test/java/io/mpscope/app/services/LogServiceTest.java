package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.util.LogLevel;
import io.mpscope.multiprocessing.util.MpLogger;
import io.mpscope.multiprocessing.util.Slf4jHandler;
import io.mpscope.multiprocessing.testsupport.Poll;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** The log service in this JVM: the app's own records, the loopback protocol, and leaving no trace on close. */
@Timeout(20)
class LogServiceTest {
    private final LogBuffer buffer = new LogBuffer(100);
    private final LogService service = new LogService(buffer);

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void shouldCollectTheAppsOwnRecords() {
        service.start();
        LoggerFactory.getLogger("io.mpscope.app.Probe").warn("disk almost full: free={}", "3%");

        LogEvent e = buffer.since(0).stream().filter(x -> x.message().equals("disk almost full: free=3%"))
                .findFirst().orElseThrow();
        assertEquals(LogEvent.Level.WARN, e.level());
        assertEquals(ProcessHandle.current().pid(), e.pid());
        assertEquals("mpscope", e.process());
        assertEquals("io.mpscope.app.Probe", e.logger());
    }

    @Test
    void shouldReadFramesFromAChildThatKnowsTheToken() throws Exception {
        service.start();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeUTF(ChildLogAppender.HELLO);
            out.writeUTF(System.getProperty(LogService.TOKEN_PROPERTY));
            out.writeLong(4242);
            frame(out, "worker-7", "hello from a child");
        }
        Poll.until(Duration.ofSeconds(5), () -> buffer.since(0).stream().anyMatch(e -> e.pid() == 4242),
                "the record arrived");
        LogEvent e = buffer.since(0).stream().filter(x -> x.pid() == 4242).findFirst().orElseThrow();
        assertEquals("worker-7", e.process());
        assertEquals("hello from a child", e.message());
        assertEquals(LogEvent.Level.ERROR, e.level());
        assertEquals("java.lang.IllegalStateException: x", e.throwable());
    }

    @Test
    void shouldDropAConnectionWithoutTheToken() throws Exception {
        service.start();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeUTF(ChildLogAppender.HELLO);
            out.writeUTF("not-the-token");
            out.writeLong(4343);
            frame(out, "intruder", "forged");
            s.setSoTimeout(5000);
            assertEquals(-1, new DataInputStream(s.getInputStream()).read(), "the app closed the connection");
        }
        assertTrue(buffer.since(0).stream().noneMatch(e -> e.pid() == 4343));
    }

    private static void frame(DataOutputStream out, String process, String message) throws Exception {
        out.writeByte(1);
        out.writeLong(System.currentTimeMillis());
        out.writeByte(LogEvent.Level.ERROR.ordinal());
        out.writeUTF(process);
        out.writeUTF("main");
        out.writeUTF("demo.Child");
        out.writeUTF(message);
        out.writeUTF("java.lang.IllegalStateException: x");
        out.flush();
    }

    @Test
    void shouldConfigureOnlyAppLaunchedChildren() {
        ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
        ChildLogConfigurator c = new ChildLogConfigurator();
        c.setContext(context);
        assertEquals(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, c.configure(context),
                "no log port: the usual configuration");
        service.start();
        assertEquals(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, c.configure(context),
                "the app itself is no child");

        ChildLogConfigurator.configureChild(context);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertEquals(ch.qos.logback.classic.Level.INFO, root.getLevel());
        assertTrue(root.getAppender("mpscope-app") instanceof ChildLogAppender);
        context.stop();
    }

    @Test
    void shouldSetWhatChildrenInheritAndRestoreItOnClose() {
        MpLogger mp = Multiprocessing.getLogger();
        String config = System.getProperty("logback.configurationFile");
        String port = System.getProperty(LogService.PORT_PROPERTY);
        LogLevel level = mp.getLevel();
        List<?> handlers = mp.getHandlers();
        boolean hadSlf4j = handlers.stream().anyMatch(h -> h instanceof Slf4jHandler);

        service.start();
        assertEquals(config, System.getProperty("logback.configurationFile"), "the app's own configuration stays");
        assertEquals(Integer.toString(service.port()), System.getProperty(LogService.PORT_PROPERTY));
        assertTrue(mp.getHandlers().stream().anyMatch(h -> h instanceof Slf4jHandler));
        assertTrue(mp.getLevel() != LogLevel.NOTSET);

        service.close();
        assertEquals(config, System.getProperty("logback.configurationFile"));
        assertEquals(port, System.getProperty(LogService.PORT_PROPERTY));
        assertNull(System.getProperty(LogService.TOKEN_PROPERTY));
        assertEquals(level, mp.getLevel());
        assertEquals(hadSlf4j, mp.getHandlers().stream().anyMatch(h -> h instanceof Slf4jHandler));
    }
}
