package io.tributary.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.InputContext;
import io.tributary.spi.StoreException;
import io.tributary.testing.Await;
import io.tributary.testing.CollectOutput;
import io.tributary.testing.PushInput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static io.tributary.testing.Sections.doc;
import static io.tributary.testing.Sections.section;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Appends racing a stop: every append that returned is delivered; the others were refused (so never acked). */
class StopRaceTest {
    @Test
    void everyAppendThatReturnedIsDeliveredWhenAStopRacesIt() throws Exception {
        for (int round = 0; round < 20; round++) {
            String id = "race-" + round;
            Engine engine = Engine.create(doc(section("SERVICE", "flush", "0.05"),
                            section("INPUT", "name", "push", "id", id + "-in"),
                            section("OUTPUT", "name", "collect", "match", "*", "id", id + "-out")),
                    Map.of(), PluginCatalog.load(), new SimpleMeterRegistry());
            engine.start();
            InputContext in = PushInput.context(id + "-in");
            AtomicLong accepted = new AtomicLong();
            CountDownLatch running = new CountDownLatch(4);
            List<Thread> appenders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                appenders.add(Thread.ofPlatform().start(() -> {
                    running.countDown();
                    try {
                        while (true) {
                            in.append("app", new LogEvent(new EventTime(1_700_000_000L, 0), Map.of("n", 1L)));
                            accepted.incrementAndGet();
                        }
                    } catch (StoreException refused) {
                        // the stop has begun: this record was not taken
                    }
                }));
            }
            running.await();
            Await.until(Duration.ofSeconds(20), "records flowing", () -> accepted.get() > 1000);
            engine.stop(Duration.ofSeconds(10));
            for (Thread t : appenders) t.join(5_000);
            assertEquals(accepted.get(), CollectOutput.count(id + "-out"), "round " + round);
            CollectOutput.clear(id + "-out");
        }
    }
}
