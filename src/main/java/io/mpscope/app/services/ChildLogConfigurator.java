package io.mpscope.app.services;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.mpscope.multiprocessing.Multiprocessing;

/**
 * Logback's configuration in child JVMs the app launched (found through {@code META-INF/services}): the root logger
 * at INFO (or {@value #LEVEL_PROPERTY}) with one {@link ChildLogAppender} to the app, and nothing on the console, so
 * a child's stderr stays its own output. Programmatic, not an XML file: Joran's parsing would double the time Logback
 * adds to every child's start (measured: ~200 ms instead of ~400 ms on a cold child JVM).
 *
 * <p>Everywhere else it steps aside (the usual {@code logback.configurationFile}, {@code logback-test.xml},
 * {@code logback.xml} apply): a JVM is an app-launched child when it has the log port property (children inherit
 * the app's system properties through the library) and is a library child ({@code parentProcess() != null}; the
 * app itself sets the property only after its own Logback has been configured).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ChildLogConfigurator extends ContextAwareBase implements Configurator {
    /** Optional level of the children's root logger (TRACE, DEBUG, INFO, WARN, ERROR). */
    public static final String LEVEL_PROPERTY = "mpscope.app.childLogLevel";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        // The port first: a JVM without it never touches the library here (no exit hook for a non-mpscope JVM).
        if (System.getProperty(LogService.PORT_PROPERTY) == null || Multiprocessing.parentProcess() == null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureChild(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} as an app-launched child's. */
    static void configureChild(LoggerContext context) {
        ChildLogAppender appender = new ChildLogAppender();
        appender.setContext(context);
        appender.setName("mpscope-app");
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty(LEVEL_PROPERTY), Level.INFO));
        root.addAppender(appender);
    }
}
