package io.tributary.input.syslog;

import io.tributary.input.support.ExternalTools;
import io.tributary.record.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** util-linux logger as the sender, over every transport it speaks. */
class SyslogLoggerIT {
    static final String HOSTNAME = hostname();

    static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void udpRfc5424() throws Exception {
        String logger = ExternalTools.require("logger");
        try (var server = new SyslogServerFixture(Map.of("mode", "udp"))) {
            ExternalTools.run(logger, "-n", "127.0.0.1", "-P", "" + server.port(), "-d", "--rfc5424", "-t", "myapp",
                    "--msgid", "ID7", "-p", "local3.warning", "hello over udp");
            LogEvent e = server.awaitRecords(1).get(0);
            assertEquals("156", e.body().get("pri"));   // local3 (19) * 8 + warning (4)
            assertEquals("myapp", e.body().get("ident"));
            assertEquals("ID7", e.body().get("msgid"));
            assertEquals("hello over udp", e.body().get("message"));
            assertTrue(String.valueOf(e.body().get("extradata")).startsWith("[timeQuality"), "logger's SD: " + e.body());
            assertTrue(Duration.between(e.time().toInstant(), Instant.now()).abs().getSeconds() < 60, "time from the message");
        }
    }

    @Test
    void tcpOctetCountedKeepsEveryLineInOrder(@TempDir Path dir) throws Exception {
        String logger = ExternalTools.require("logger");
        Path file = dir.resolve("lines.txt");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) lines.add("line " + i + " with some text");
        Files.write(file, lines);
        try (var server = new SyslogServerFixture(Map.of("mode", "tcp", "format", "octet_counting", "source_address_key", "src"))) {
            ExternalTools.run(logger, "-n", "127.0.0.1", "-P", "" + server.port(), "-T", "--octet-count", "--rfc5424",
                    "-t", "bulk", "-f", file.toString());
            List<LogEvent> events = server.awaitRecords(2000);
            assertEquals(2000, events.size());
            for (int i = 0; i < 2000; i++) assertEquals(lines.get(i), events.get(i).body().get("message"));
            assertTrue(String.valueOf(events.get(0).body().get("src")).startsWith("tcp://127.0.0.1:"), events.get(0).body().toString());
            assertTrue(server.context.appendCalls() < 2000, "appended in batches, not per message: " + server.context.appendCalls());
            assertEquals(0, server.context.errors());
        }
    }

    @Test
    void tcpNewlineFramedRfc3164() throws Exception {
        String logger = ExternalTools.require("logger");
        try (var server = new SyslogServerFixture(Map.of("mode", "tcp", "parser", "syslog-rfc3164"))) {
            ExternalTools.run(logger, "-n", "127.0.0.1", "-P", "" + server.port(), "-T", "--rfc3164", "-t", "oldapp",
                    "-i", "first message");
            ExternalTools.run(logger, "-n", "127.0.0.1", "-P", "" + server.port(), "-T", "--rfc3164", "-t", "oldapp",
                    "second: with colon");
            List<LogEvent> events = server.awaitRecords(2);
            // Two logger runs are two connections: find each message rather than rely on an order between them.
            Map<String, Object> first = events.stream().map(LogEvent::body)
                    .filter(b -> "first message".equals(b.get("message"))).findFirst().orElseThrow(() -> new AssertionError(events));
            Map<String, Object> second = events.stream().map(LogEvent::body)
                    .filter(b -> b != first).findFirst().orElseThrow();
            assertEquals("oldapp", first.get("ident"));
            assertTrue(first.get("pid") instanceof String pid && !pid.isEmpty(), "logger -i sends the pid: " + first);
            assertEquals("first message", first.get("message"));
            if (HOSTNAME != null) assertEquals(HOSTNAME.split("\\.")[0], String.valueOf(first.get("host")).split("\\.")[0]);
            assertEquals("second: with colon", second.get("message"));
        }
    }

    @Test
    void unixDatagramSocketWithTheLocalParser(@TempDir Path dir) throws Exception {
        String logger = ExternalTools.require("logger");
        Path socket = dir.resolve("log.sock");
        try (var server = new SyslogServerFixture(Map.of("mode", "unix_udp", "path", socket.toString(), "unix_perm", "0600"))) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            ExternalTools.run(logger, "-u", socket.toString(), "-d", "-t", "localapp", "--id=4242", "local message");
            LogEvent e = server.awaitRecords(1).get(0);
            assertEquals("localapp", e.body().get("ident"));
            assertEquals("4242", e.body().get("pid"));
            assertEquals("local message", e.body().get("message"));
            assertTrue(e.body().containsKey("time") && !e.body().containsKey("host"), e.body().toString());
        }
        assertTrue(!Files.exists(socket), "socket removed at stop");
    }

    @Test
    void unixStreamSocket(@TempDir Path dir) throws Exception {
        String logger = ExternalTools.require("logger");
        Path socket = dir.resolve("stream.sock");
        try (var server = new SyslogServerFixture(Map.of("mode", "unix_tcp", "path", socket.toString(), "source_address_key", "src"))) {
            ExternalTools.run(logger, "-u", socket.toString(), "-T", "-t", "streamapp", "one");
            ExternalTools.run(logger, "-u", socket.toString(), "-T", "-t", "streamapp", "two");
            List<LogEvent> events = server.awaitRecords(2);
            // Two logger runs are two connections, read by whichever event loop took each: no order between them.
            assertEquals(java.util.Set.of("one", "two"), java.util.Set.of(events.get(0).body().get("message"), events.get(1).body().get("message")));
            assertEquals("unix://" + socket, events.get(0).body().get("src"));
        }
    }
}
