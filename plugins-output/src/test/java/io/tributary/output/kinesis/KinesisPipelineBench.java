package io.tributary.output.kinesis;

import io.tributary.record.EventTime;
import io.tributary.record.MsgpackWriter;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * forward → kinesis_streams end to end, as the Fluent Bit reference was measured: the packaged tributary
 * (dist/target/tributary, built by {@code mvn package}) with a forward input and a kinesis_streams output, fed
 * PackedForward frames of ~300-byte records over TCP, sending to the strict PutRecords server in its own JVM. Prints
 * records/s, MB/s, tributary's CPU seconds per million records and its peak RSS. Run by name:
 * {@code mvn -pl plugins-output -am test -Dtest=KinesisPipelineBench -Dbench.records=2000000}.
 */
class KinesisPipelineBench {
    @Test
    void forwardToKinesis() throws Exception {
        int total = Integer.getInteger("bench.records", 2_000_000);
        Path home = Path.of("..", "dist", "target", "tributary").toAbsolutePath().normalize();
        if (!Files.isExecutable(home.resolve("bin/tributary"))) throw new IllegalStateException("build first: mvn package -DskipTests");
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), StrictKinesisServer.class.getName(), "AKIABENCH00000000001", "bench-secret")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String endpoint = serverOut.readLine().substring("ENDPOINT ".length());
        AtomicLong accepted = new AtomicLong();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                String line;
                while ((line = serverOut.readLine()) != null) {
                    if (line.startsWith("PROGRESS ")) accepted.set(Long.parseLong(line.substring(9).trim()));
                    else System.out.println("BENCH server: " + line);
                }
            } catch (Exception ignored) {
                // the server has gone
            }
        });
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = Files.createTempFile("kinesis-bench", ".conf");
        Files.writeString(conf, """
                [SERVICE]
                    Flush        1
                    Log_Level    info
                [INPUT]
                    Name    forward
                    Listen  127.0.0.1
                    Port    %d
                [OUTPUT]
                    Name         kinesis_streams
                    Match        *
                    region       us-east-1
                    stream       bench
                    endpoint     %s
                    Retry_Limit  no_limits
                """.formatted(port, endpoint));
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/tributary").toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("AWS_ACCESS_KEY_ID", "AKIABENCH00000000001");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "bench-secret");
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process tributary = pb.start();
        try {
            Socket socket = connect(port);
            byte[] frame = packedForward(1_000);
            long bytesSent = 0;
            long t0 = System.nanoTime();
            long cpu0 = cpuTicks(tributary.pid());
            try (OutputStream out = socket.getOutputStream()) {
                for (int sent = 0; sent < total; sent += 1_000) {
                    out.write(frame);
                    bytesSent += frame.length;
                }
                out.flush();
                long deadline = System.nanoTime() + 300_000_000_000L;
                while (accepted.get() < total && System.nanoTime() < deadline) Thread.sleep(20);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuTicks(tributary.pid()) - cpu0) / 100.0;
            System.out.printf("BENCH forward -> kinesis_streams: %d of %d records in %.2f s = %.0f records/s, %.1f MB/s in, "
                            + "%.2f CPU-s per million, peak RSS %s%n", accepted.get(), total, secs, accepted.get() / secs,
                    bytesSent / secs / 1e6, cpu / (accepted.get() / 1e6), peakRss(tributary.pid()));
        } finally {
            tributary.destroy();
            tributary.waitFor();
            server.getOutputStream().close();
            server.waitFor();
        }
    }

    private static Socket connect(int port) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                return new Socket("127.0.0.1", port);
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(100);
            }
        }
    }

    /** [tag, bin(entries), {"size": n}]: Fluent Bit's forward output sends PackedForward like this. */
    private static byte[] packedForward(int n) {
        MsgpackWriter entries = new MsgpackWriter(n * 320);
        for (int i = 0; i < n; i++) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("log", "2026-11-23T13:22:55.123Z INFO  [http-nio-8080-exec-" + (i % 16) + "] c.e.shop.OrderController : "
                    + "order " + i + " accepted for customer 4711, 3 items, total 129.90 EUR, latency 12 ms");
            b.put("stream", "stdout");
            b.put("kubernetes", Map.of("pod_name", "shop-7d9f8c6b5-x2x4z", "namespace_name", "prod"));
            entries.arrayHeader(2).eventTime(EventTime.now()).map(b);
        }
        MsgpackWriter frame = new MsgpackWriter(entries.size() + 64);
        frame.arrayHeader(3).string("kube.var.log.containers.shop").binary(entries.array(), 0, entries.size())
                .mapHeader(1).string("size").integer(n);
        return frame.toByteArray();
    }

    /** utime + stime of a process, in clock ticks (1/100 s). */
    private static long cpuTicks(long pid) throws Exception {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll(".*\\) ", "").split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
            String[] c = Files.readString(Path.of("/proc/" + child.pid() + "/stat")).replaceAll(".*\\) ", "").split(" ");
            ticks += Long.parseLong(c[11]) + Long.parseLong(c[12]);
        }
        return ticks;
    }

    private static String peakRss(long pid) throws Exception {
        long best = 0;
        java.util.List<Long> pids = new java.util.ArrayList<>(java.util.List.of(pid));
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        for (long p : pids) {
            for (String line : Files.readAllLines(Path.of("/proc/" + p + "/status"))) {
                if (line.startsWith("VmHWM:")) best = Math.max(best, Long.parseLong(line.replaceAll("\\D", "")));
            }
        }
        return best / 1024 + " MB";
    }
}
