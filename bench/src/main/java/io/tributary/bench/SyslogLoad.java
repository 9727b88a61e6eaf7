package io.tributary.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test: syslog over TCP, octet counting, RFC 5424 records of about 300 bytes, into a Tributary process
 * (the dist launcher) whose syslog input parses them and sends them to the counter output, as Fluent Bit was
 * measured (shared/anchors/fluent-bit). Reports records/s, CPU seconds per million records (the Tributary
 * process's utime+stime from /proc) and its peak RSS (VmHWM).
 *
 * <pre>bench/run syslog [records] [connections] [launcher] [parsers file]</pre>
 * The same run against Fluent Bit, for a side-by-side figure on one machine:
 * {@code bench/run syslog 5000000 2 /tmp/fluent-bit ../shared/anchors/fluent-bit/parsers.conf}
 * (its counter output prints the same {@code (total = N)} lines).
 */
public final class SyslogLoad {
    private static final Pattern TOTAL = Pattern.compile("\\(total = (\\d+)\\)");
    /** Fluent Bit 5's counter prints one JSON object per chunk with that chunk's count. */
    private static final Pattern CHUNK = Pattern.compile("\"log_records\":(\\d+)");

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path launcher = Path.of(args.length > 2 ? args[2] : "dist/target/tributary/bin/tributary");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String parsersFile = args.length > 3 ? "    Parsers_File " + Path.of(args[3]).toAbsolutePath() + "\n" : "";
        Path conf = Files.createTempFile("syslog-load", ".conf");
        Files.writeString(conf, """
                [SERVICE]
                    Flush     1
                    Log_Level warn
                %s""".formatted(parsersFile) + """
                [INPUT]
                    Name    syslog
                    Mode    tcp
                    Listen  127.0.0.1
                    Port    %d
                    Parser  syslog-rfc5424
                    Format  octet_counting
                    Tag     syslog
                [OUTPUT]
                    Name  counter
                    Match *
                """.formatted(port));
        Process p = new ProcessBuilder(launcher.toString(), "-c", conf.toString()).redirectErrorStream(true).start();
        AtomicLong total = new AtomicLong();
        Thread.ofPlatform().daemon().start(() -> pump(p.getInputStream(), total));
        waitForPort(port);
        byte[] block = block(1000);
        long perConnection = records / connections / 1000;
        long sent = perConnection * 1000 * connections;
        long cpuBefore = cpuTicks(p.pid());
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            senders.add(Thread.ofPlatform().start(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSendBufferSize(1 << 20);
                    OutputStream out = s.getOutputStream();
                    for (long i = 0; i < perConnection; i++) out.write(block);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (Thread t : senders) t.join();
        while (total.get() < sent) {
            if (!p.isAlive()) throw new IllegalStateException("tributary exited");
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) throw new IllegalStateException("timed out at " + total.get());
            Thread.sleep(5);
        }
        // The counter prints at each flush (every second): the records had arrived by the previous tick.
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuTicks(p.pid()) - cpuBefore) / 100.0;
        long peakRssKb = peakRssKb(p.pid());
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(conf);
        System.out.printf("%s: syslog tcp octet_counting rfc5424 -> counter: %d records, %d connections%n", launcher.getFileName(), sent, connections);
        System.out.printf("  %.0f records/s (wall %.2f s, includes up to one 1 s flush interval)%n", sent / seconds, seconds);
        System.out.printf("  %.2f CPU-s per million records (%.2f CPU-s)%n", cpu / (sent / 1e6), cpu);
        System.out.printf("  peak RSS %d MB%n", peakRssKb / 1024);
    }

    /** {@code n} octet-counted RFC 5424 messages of about 300 bytes, with fractional seconds and structured data. */
    static byte[] block(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            String m = "<165>1 2026-11-23T14:29:07." + String.format("%06d", i) + "Z web-frontend-17.prod.example.com nginx 4711 ACCESS "
                    + "[request@32473 method=\"GET\" status=\"200\"] 203.0.113.9 - - \"GET /api/v1/items?page=" + i
                    + " HTTP/1.1\" 200 5120 \"https://example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\" rt=0.012 padding-to-300";
            byte[] b = m.getBytes(StandardCharsets.US_ASCII);
            out.writeBytes((b.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static void pump(InputStream in, AtomicLong total) {
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher m = TOTAL.matcher(line);
                Matcher c = CHUNK.matcher(line);
                if (m.find()) total.set(Long.parseLong(m.group(1)));
                else if (c.find()) total.addAndGet(Long.parseLong(c.group(1)));
                else System.err.println("engine: " + line);
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("tributary did not listen on " + port);
    }

    /** utime + stime of a process, in clock ticks (USER_HZ, 100 on Linux). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }
}
