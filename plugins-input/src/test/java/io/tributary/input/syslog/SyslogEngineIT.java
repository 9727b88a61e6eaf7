package io.tributary.input.syslog;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.engine.Engine;
import io.tributary.engine.PluginCatalog;
import io.tributary.log.Logs;
import io.tributary.spi.ConfigException;
import io.tributary.testing.Await;
import io.tributary.testing.CollectOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tributary.testing.Sections.doc;
import static io.tributary.testing.Sections.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The syslog input inside the real engine: routing to an output, Mem_Buf_Limit backpressure, config errors. */
class SyslogEngineIT {
    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) engine.stop(Duration.ofSeconds(5));
    }

    /** A port free a moment ago (the engine's config needs the number before the input binds it). */
    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void memBufLimitPausesTcpReadingAndLosesNothing() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Logs.setSink(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            int port = freePort();
            engine = Engine.create(doc(section("SERVICE", "flush", "0.05"),
                    section("INPUT", "name", "syslog", "mode", "tcp", "listen", "127.0.0.1", "port", String.valueOf(port),
                            "format", "octet_counting", "tag", "sys", "mem_buf_limit", "64k"),
                    section("OUTPUT", "name", "collect", "match", "sys", "id", "syslog-bp", "delay_ms", "20")),
                    Map.of(), PluginCatalog.load(), new SimpleMeterRegistry());
            engine.start();
            int n = 30_000;
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                ByteArrayOutputStream batch = new ByteArrayOutputStream();
                for (int i = 0; i < n; i++) {
                    byte[] m = ("<13>1 2026-11-23T10:00:00.000Z host app - - - message " + i).getBytes(StandardCharsets.US_ASCII);
                    batch.writeBytes((m.length + " ").getBytes(StandardCharsets.US_ASCII));
                    batch.writeBytes(m);
                    if (batch.size() > 60_000) {
                        out.write(batch.toByteArray());
                        batch.reset();
                    }
                }
                out.write(batch.toByteArray());
            }
            Await.until(Duration.ofSeconds(60), n + " records at the output", () -> CollectOutput.count("syslog-bp") >= n);
            List<CollectOutput.Received> got = CollectOutput.events("syslog-bp");
            assertEquals(n, got.size(), "each record once");
            for (int i = 0; i < n; i++) assertEquals("message " + i, got.get(i).event().body().get("message"));
            String text = log.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("paused (mem buf overlimit"), "the input was paused: " + text);
            assertTrue(text.contains("resume"), "and resumed");
        } finally {
            Logs.setSink(System.err);
            CollectOutput.clear("syslog-bp");
        }
    }

    @Test
    void namedParserFromTheConfigParsesEachMessageAndKeepsThoseItMisses() throws Exception {
        int port = freePort();
        engine = Engine.create(doc(section("SERVICE", "flush", "0.05"),
                section("PARSER", "name", "kv", "format", "regex", "regex", "^<(?<pri>[0-9]+)>(?<user>[a-z]+) did (?<action>[a-z]+)$"),
                section("INPUT", "name", "syslog", "mode", "udp", "listen", "127.0.0.1", "port", String.valueOf(port),
                        "parser", "kv", "tag", "kv", "severity_key", "level", "raw_message_key", "raw"),
                section("OUTPUT", "name", "collect", "match", "kv", "id", "syslog-kv")),
                Map.of(), PluginCatalog.load(), new SimpleMeterRegistry());
        engine.start();
        try (java.net.DatagramSocket client = new java.net.DatagramSocket()) {
            for (String m : List.of("<11>alice did login", "not for this parser")) {
                byte[] b = m.getBytes(StandardCharsets.US_ASCII);
                client.send(new java.net.DatagramPacket(b, b.length, java.net.InetAddress.getByName("127.0.0.1"), port));
            }
            Await.until(Duration.ofSeconds(10), "2 records", () -> CollectOutput.count("syslog-kv") >= 2);
            List<CollectOutput.Received> got = CollectOutput.events("syslog-kv");
            Map<String, Object> first = got.get(0).event().body();
            assertEquals("alice", first.get("user"));
            assertEquals("login", first.get("action"));
            assertEquals("err", first.get("level"), "severity from the parser's pri: " + first);
            assertEquals("<11>alice did login", first.get("raw"));
            assertEquals("not for this parser", got.get(1).event().body().get("message"), "kept, not dropped");
        } finally {
            CollectOutput.clear("syslog-kv");
        }
    }

    @Test
    void unknownParserFailsTheConfigNamingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> Engine.create(doc(
                section("INPUT", "name", "syslog", "mode", "udp", "parser", "syslog-rfc9999"),
                section("OUTPUT", "name", "collect", "match", "*")), Map.of(), PluginCatalog.load(), new SimpleMeterRegistry()));
        assertTrue(e.getMessage().contains("parser: no parser named 'syslog-rfc9999'"), e.getMessage());
        assertTrue(e.getMessage().contains("syslog-rfc5424"), "lists the known ones: " + e.getMessage());
    }

    @Test
    void unixModeWithoutPathAndTlsOnUdpAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> Engine.create(doc(
                section("INPUT", "name", "syslog", "mode", "unix_tcp"),
                section("INPUT", "name", "syslog", "mode", "udp", "tls", "on"),
                section("OUTPUT", "name", "collect", "match", "*")), Map.of(), PluginCatalog.load(), new SimpleMeterRegistry()));
        assertTrue(e.getMessage().contains("path: required when mode is unix_tcp"), e.getMessage());
        assertTrue(e.getMessage().contains("TLS is available in tcp mode only"), e.getMessage());
    }
}
