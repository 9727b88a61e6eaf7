package io.tributary.input.forward;

import io.tributary.record.EventTime;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A manual check of the input alone (not a test, nothing timed in the build): clients send PackedForward frames
 * of EventTime entries (~300-byte records) at full speed to a forward input whose context only counts what it
 * is given, and this prints records/s and CPU seconds per million records. The end-to-end forward -> null
 * figure against Fluent Bit belongs to the bench module.
 *
 * <p>Run: {@code java -cp <test classpath> io.tributary.input.forward.ForwardThroughputCheck [records] [connections] [ack] [port]}.
 * With a port it sends to a running Tributary (or Fluent Bit) instead, with acks, and reports the rate at which
 * the server stored the records (its last ack).
 */
public final class ForwardThroughputCheck {
    public static void main(String[] args) throws Exception {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        boolean ack = args.length > 2 && Boolean.parseBoolean(args[2]);
        int external = args.length > 3 ? Integer.parseInt(args[3]) : -1;
        if (external > 0) ack = true;
        int perFrame = 1_000;
        RecordingInputContext ctx = new RecordingInputContext();
        // Count only: the validation cost is the input's; EventCursor.count here would double it.
        ctx.countOnly = true;
        List<byte[]> entries = new ArrayList<>();
        String log = "x".repeat(200);
        for (int i = 0; i < perFrame; i++) {
            entries.add(Frames.entry(new EventTime(1_700_000_000L + i, i), Frames.record("log", log + i,
                    "container_id", "6f0c1ad2e3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e",
                    "container_name", "/ecs-app-1", "source", "stdout")));
        }
        byte[] payload = Frames.concat(entries);
        byte[] frame = Frames.packed("app.logs", payload, false, ack ? Frames.record("chunk", "abcdefghijklmnopqrstuv==") : null);
        long frames = total / perFrame / connections;
        try (RunningForward fw = external > 0 ? null : RunningForward.start(ctx, "Buffer_Chunk_Size", "1M")) {
            int port = external > 0 ? external : fw.port();
            boolean acks = ack;
            System.out.printf("frame %d bytes, %d records of ~%d bytes; %d connections x %d frames; ack=%s%n",
                    frame.length, perFrame, payload.length / perFrame, connections, frames, ack);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            List<Thread> senders = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                Thread t = new Thread(() -> {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        // {"ack": "<24 chars>"}: map header, "ack", fixstr header and the chunk.
                        int ackBytes = 5 + 1 + 24;
                        for (long i = 0; i < frames; i++) {
                            out.write(frame);
                            if (acks && in.readNBytes(ackBytes).length != ackBytes) throw new IllegalStateException("no ack");
                            if (external > 0) ctx.recordCount.addAndGet(perFrame);
                        }
                        out.flush();
                        while (ctx.recordCount.get() < frames * perFrame * connections) Thread.sleep(1);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                t.start();
                senders.add(t);
            }
            for (Thread t : senders) t.join();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            long n = ctx.recordCount.get();
            System.out.printf("%d records in %.2f s: %.0f records/s, %.1f MB/s; CPU %.2f s (clients included) = %.2f CPU-s per million%n",
                    n, seconds, n / seconds, n * (payload.length / (double) perFrame) / seconds / 1e6, cpu, cpu / (n / 1e6));
        }
    }
}
