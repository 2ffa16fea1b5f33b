package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.observe.Observer;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sampler thread, with a real Observer on an empty folder or a source that fails. */
@Timeout(10)
class MonitorServiceTest {
    private static final Duration FAST = Duration.ofMillis(10);

    private final BlockingQueue<SystemSnapshot> published = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    private MonitorService service;

    @AfterEach
    void close() throws InterruptedException {
        if (service != null) {
            service.close();
            assertTrue(service.awaitTermination(Duration.ofSeconds(5)), "sampler ended");
        }
    }

    private MonitorService start(Supplier<List<SessionSnapshot>> source, Runnable onClose) {
        service = new MonitorService(source, onClose, "test-source", s -> {
            threads.add(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? "/daemon" : ""));
            published.add(s);
        }, FAST, Clock.systemUTC());
        service.start();
        return service;
    }

    @Test
    void shouldPublishSnapshotsOnTheDaemonSamplerThread(@TempDir Path dir) throws InterruptedException {
        Observer observer = new Observer(dir);
        service = new MonitorService(observer, published::add);
        service.start();

        SystemSnapshot first = published.poll(5, TimeUnit.SECONDS);
        assertTrue(first != null, "a first tick arrived");
        assertEquals(List.of(), first.sessions());
        assertEquals(Optional.empty(), first.failure());
        assertEquals(MonitorService.DEFAULT_PERIOD, first.samplingPeriod());
        assertEquals(dir.toString(), first.source());

    }

    @Test
    void shouldTickRepeatedlyOnOneNamedDaemonThread() throws InterruptedException {
        start(List::of, () -> { });
        for (int i = 0; i < 3; i++) {
            assertTrue(published.poll(5, TimeUnit.SECONDS) != null, "tick " + i);
            assertEquals(MonitorService.THREAD_NAME + "/daemon", threads.poll());
        }
    }

    @Test
    void shouldPublishFailureAndKeepSampling() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        start(() -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("registry torn: path=/x");
            }
            return List.of();
        }, () -> { });

        SystemSnapshot failed = published.poll(5, TimeUnit.SECONDS);
        assertEquals(Optional.of("registry torn: path=/x"), failed.failure());
        assertEquals(Optional.of("registry torn: path=/x"), published.poll(5, TimeUnit.SECONDS).failure());
        assertEquals(Optional.empty(), published.poll(5, TimeUnit.SECONDS).failure(), "recovered");
    }

    @Test
    void shouldAddTheMetricsOfEachTickAndReadThemAlsoWhenTheSessionsFail() throws InterruptedException {
        Metrics m = new Metrics(new HostMetrics(List.of(0.5), 1, 1, Optional.empty()), java.util.Map.of(),
                SystemProcesses.NONE);
        List<Boolean> wanted = new java.util.concurrent.CopyOnWriteArrayList<>();
        MetricsSource metrics = new MetricsSource() {
            @Override
            public Metrics read(List<SessionSnapshot> sessions, long nanoTime) {
                return m;
            }

            @Override
            public void setSystemListWanted(boolean w) {
                wanted.add(w);
            }
        };
        AtomicInteger calls = new AtomicInteger();
        service = new MonitorService(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("registry torn: path=/x");
            }
            return List.of();
        }, () -> { }, "test-source", metrics, published::add, FAST, Clock.systemUTC());
        service.setSystemListWanted(true);
        service.start();

        SystemSnapshot failed = published.poll(5, TimeUnit.SECONDS);
        assertEquals(Optional.of("registry torn: path=/x"), failed.failure());
        assertEquals(m, failed.metrics(), "the machine is still read when the sessions are not");
        assertEquals(m, published.poll(5, TimeUnit.SECONDS).metrics());
        assertEquals(List.of(true), wanted);
    }

    @Test
    void shouldTakeTheSamplingRateFromTheSystemProperty() {
        String before = System.getProperty(MonitorService.SAMPLE_HZ_PROPERTY);
        try {
            System.clearProperty(MonitorService.SAMPLE_HZ_PROPERTY);
            assertEquals(Duration.ofMillis(500), MonitorService.periodFromProperty());
            System.setProperty(MonitorService.SAMPLE_HZ_PROPERTY, "10");
            assertEquals(Duration.ofMillis(100), MonitorService.periodFromProperty());
            System.setProperty(MonitorService.SAMPLE_HZ_PROPERTY, "0.5");
            assertEquals(Duration.ofSeconds(2), MonitorService.periodFromProperty());
            System.setProperty(MonitorService.SAMPLE_HZ_PROPERTY, "fast");
            IllegalArgumentException nan = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, MonitorService::periodFromProperty);
            assertEquals("sampling rate is not a number: mpscope.sampleHz=fast", nan.getMessage());
            System.setProperty(MonitorService.SAMPLE_HZ_PROPERTY, "0");
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    MonitorService::periodFromProperty);
        } finally {
            if (before == null) {
                System.clearProperty(MonitorService.SAMPLE_HZ_PROPERTY);
            } else {
                System.setProperty(MonitorService.SAMPLE_HZ_PROPERTY, before);
            }
        }
    }

    @Test
    void shouldCloseTheSourceOnTheSamplerThreadAfterTheLastTick() throws Exception {
        CompletableFuture<String> closedOn = new CompletableFuture<>();
        start(List::of, () -> closedOn.complete(Thread.currentThread().getName()));
        assertTrue(published.poll(5, TimeUnit.SECONDS) != null);

        service.close();
        assertEquals(MonitorService.THREAD_NAME, closedOn.get(5, TimeUnit.SECONDS));
        assertTrue(service.awaitTermination(Duration.ofSeconds(5)), "no tick runs after close");
    }
}
