package io.tributary.input.forward;

import io.tributary.testing.Await;

import io.tributary.record.EventTime;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import static io.tributary.input.forward.Frames.entry;
import static io.tributary.input.forward.Frames.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine pauses an input when Mem_Buf_Limit is reached. Paused, the forward input reads no socket and accepts
 * no connection, so TCP pushes back on the sender, who blocks; resumed, everything sent arrives. Nothing is
 * dropped. (The engine-driven version, with a tiny Mem_Buf_Limit and a slow output, needs the engine on main.)
 */
class BackpressureIT {
    private static final int ENTRIES_PER_FRAME = 1_000;
    private static final int FRAMES = 250; // ~25 MB: far more than the kernel's socket buffers hold

    @Test
    void pausedInputStopsReadingSoTheSenderBlocksAndResumeDeliversEverything() throws Exception {
        RecordingInputContext ctx = new RecordingInputContext();
        ctx.keepEvents = false;
        byte[] frame = frame();
        try (RunningForward fw = RunningForward.start(ctx, "Buffer_Chunk_Size", "64k")) {
            AtomicLong framesWritten = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try (Socket s = new Socket("127.0.0.1", fw.port())) {
                    OutputStream out = s.getOutputStream();
                    for (int i = 0; i < FRAMES; i++) {
                        out.write(frame);
                        framesWritten.incrementAndGet();
                    }
                    out.flush();
                    done.set(true);
                    // Keep the connection open until the server has read everything.
                    while (ctx.recordCount.get() < (long) FRAMES * ENTRIES_PER_FRAME) Thread.sleep(5);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "forward-flood");
            writer.start();
            Await.until(Duration.ofSeconds(20), "the first records", () -> ctx.recordCount.get() > 0);

            fw.input.pause();
            awaitStalled("records appended while paused", ctx.recordCount::get);
            awaitStalled("frames the sender manages to write", framesWritten::get);
            long heldBack = (long) FRAMES * ENTRIES_PER_FRAME - ctx.recordCount.get();
            assertFalse(done.get(), "the sender is blocked by TCP, not finished");
            assertTrue(heldBack > 0);

            // A connection made while paused is not read either.
            try (RawForwardClient late = fw.connect()) {
                late.send(Frames.message("late", 1L, record("a", 1L), record("chunk", "late")));
                late.setTimeoutMillis(300);
                assertThrows(late);
                long before = ctx.recordCount.get();

                fw.input.resume();
                late.setTimeoutMillis(10_000);
                assertEquals(java.util.Map.of("ack", "late"), late.read());
                assertTrue(ctx.recordCount.get() > before);
            }
            Await.until(Duration.ofSeconds(60), "every record after resume",
                    () -> ctx.recordCount.get() == (long) FRAMES * ENTRIES_PER_FRAME + 1);
            writer.join(30_000);
            assertNull(failure.get());
            assertTrue(done.get());
            assertEquals(0, ctx.errors.get());
        }
    }

    private static void assertThrows(RawForwardClient c) {
        org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketTimeoutException.class, c::read,
                "no ack from a paused input");
    }

    /** Waits until the value has not changed for half a second: the flow has stopped. */
    private static void awaitStalled(String what, LongSupplier value) {
        long[] last = {value.getAsLong(), System.nanoTime()};
        Await.until(Duration.ofSeconds(20), what + " to stop changing", () -> {
            long v = value.getAsLong();
            long now = System.nanoTime();
            if (v != last[0]) {
                last[0] = v;
                last[1] = now;
                return false;
            }
            return now - last[1] > 500_000_000L;
        });
    }

    private static byte[] frame() {
        List<byte[]> entries = new ArrayList<>();
        String pad = "x".repeat(80);
        for (int i = 0; i < ENTRIES_PER_FRAME; i++) entries.add(entry(new EventTime(1_700_000_000L, i), record("seq", (long) i, "pad", pad)));
        return Frames.packed("flood", Frames.concat(entries), true, null);
    }
}
