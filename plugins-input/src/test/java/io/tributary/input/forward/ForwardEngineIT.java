package io.tributary.input.forward;

import io.tributary.engine.Engine;
import io.tributary.engine.InputInstance;
import io.tributary.record.EventTime;
import io.tributary.testing.Await;
import io.tributary.testing.CollectOutput;
import org.junit.jupiter.api.Test;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.tributary.input.forward.Frames.entry;
import static io.tributary.input.forward.Frames.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forward input inside the real engine, configured as a Fluent Bit user would write it. */
class ForwardEngineIT {
    @Test
    void fluencyRecordsReachAnOutputThroughTheEngineInOrder() throws Exception {
        int port = freePort();
        int n = 20_000;
        CollectOutput.clear("fw-e2e");
        Engine engine = Engine.fromText("""
                [SERVICE]
                    Flush 0.2
                [INPUT]
                    Name       forward
                    Listen     127.0.0.1
                    Port       %d
                    Tag_Prefix fw.
                [OUTPUT]
                    Name  collect
                    Match fw.*
                    Id    fw-e2e
                """.formatted(port), Map.of());
        engine.start();
        try {
            FluencyBuilderForFluentd b = new FluencyBuilderForFluentd();
            b.setAckResponseMode(true);
            try (Fluency fluency = b.build("127.0.0.1", port)) {
                for (int i = 0; i < n; i++) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("seq", i);
                    fluency.emit("app", org.komamitsu.fluency.EventTime.fromEpoch(1_700_000_000L, i), m);
                }
                fluency.flush();
                Await.until(Duration.ofSeconds(60), n + " records at the output", () -> CollectOutput.count("fw-e2e") >= n);
            }
            var got = CollectOutput.events("fw-e2e");
            assertEquals(n, got.size());
            for (int i = 0; i < n; i++) {
                assertEquals("fw.app", got.get(i).tag());
                assertEquals((long) i, got.get(i).event().body().get("seq"));
                assertEquals(new EventTime(1_700_000_000L, i), got.get(i).event().time());
            }
        } finally {
            engine.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void tinyMemBufLimitAndASlowOutputSlowTheSenderAndLoseNothing() throws Exception {
        int port = freePort();
        int frames = 120;
        int perFrame = 1_000;
        int total = frames * perFrame;
        long limit = 512 * 1024;
        CollectOutput.clear("fw-bp");
        Engine engine = Engine.fromText("""
                [SERVICE]
                    Flush 0.2
                [INPUT]
                    Name          forward
                    Listen        127.0.0.1
                    Port          %d
                    Mem_Buf_Limit 512k
                [OUTPUT]
                    Name     collect
                    Match    *
                    Id       fw-bp
                    Delay_Ms 50
                """.formatted(port), Map.of());
        engine.start();
        try {
            InputInstance input = engine.view().inputs().get(0);
            String pad = "p".repeat(60);
            AtomicLong framesWritten = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    OutputStream out = s.getOutputStream();
                    for (int f = 0; f < frames; f++) {
                        List<byte[]> entries = new ArrayList<>(perFrame);
                        for (int i = 0; i < perFrame; i++) {
                            entries.add(entry(new EventTime(1_700_000_000L, f), record("seq", (long) f * perFrame + i, "pad", pad)));
                        }
                        out.write(Frames.packed("bp", Frames.concat(entries), true, null));
                        framesWritten.incrementAndGet();
                    }
                    out.flush();
                    done.set(true);
                    while (CollectOutput.count("fw-bp") < total) Thread.sleep(5);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "forward-bp-sender");
            // Watch the input: how often it is paused and how much it ever holds.
            AtomicInteger pausedSamples = new AtomicInteger();
            AtomicLong framesWhenFirstPaused = new AtomicLong(-1);
            AtomicLong maxBuffered = new AtomicLong();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (watching.get()) {
                    if (input.isPaused()) {
                        pausedSamples.incrementAndGet();
                        framesWhenFirstPaused.compareAndSet(-1, framesWritten.get());
                    }
                    maxBuffered.accumulateAndGet(input.bufferedBytes(), Math::max);
                    Thread.onSpinWait();
                }
            }, "forward-bp-watcher");
            watcher.start();
            writer.start();
            Await.until(Duration.ofSeconds(120), total + " records at the slow output", () -> CollectOutput.count("fw-bp") >= total);
            writer.join(30_000);
            watching.set(false);
            watcher.join();
            assertNull(failure.get());
            assertTrue(done.get());

            assertTrue(pausedSamples.get() > 0, "Mem_Buf_Limit paused the input");
            assertTrue(framesWhenFirstPaused.get() < frames, "the sender was still sending when the input paused: "
                    + framesWhenFirstPaused.get() + " of " + frames + " frames written");
            // Paused in time: the buffer overshoots the limit by at most what one read had already delivered.
            assertTrue(maxBuffered.get() < limit + 1024 * 1024, "buffered at most " + maxBuffered.get() + " bytes");
            var got = CollectOutput.events("fw-bp");
            assertEquals(total, got.size(), "nothing lost, nothing duplicated");
            for (int i = 0; i < total; i++) assertEquals((long) i, got.get(i).event().body().get("seq"));
            assertEquals(0.0, input.inputMeters().droppedTotal());
        } finally {
            engine.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void badForwardSettingsAreReportedBeforeAnythingStarts() {
        io.tributary.spi.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(io.tributary.spi.ConfigException.class,
                () -> Engine.fromText("""
                        [INPUT]
                            Name           forward
                            Port           24224
                            Security.Users alice hunter2
                            tls            on
                        [OUTPUT]
                            Name  null
                            Match *
                        """, Map.of()));
        String m = e.getMessage();
        assertTrue(m.contains("inline.conf:4: [forward] Security.Users: needs Shared_Key or Empty_Shared_Key on"), m);
        assertTrue(m.contains("[forward] tls.crt_file: is required with tls on"), m);
        assertTrue(!m.contains("hunter2"), "passwords never in errors: " + m);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
