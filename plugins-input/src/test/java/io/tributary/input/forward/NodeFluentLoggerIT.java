package io.tributary.input.forward;

import io.tributary.record.EventTime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** npm fluent-logger 3.4.1: CompressedPackedForward (gzip) and PackedForward with acks, and the shared-key handshake. */
class NodeFluentLoggerIT {
    private static final long BASE = 1_700_000_000L;

    @Test
    void compressedPackedForwardWithAck() throws Exception {
        int n = 20_000;
        try (RunningForward fw = RunningForward.start(new RecordingInputContext())) {
            ClientTools.Result r = send(Map.of("port", fw.port(), "mode", "CompressedPackedForward", "count", n,
                    "rounds", 8, "tag", "node.gz", "ack", true));
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("OK " + n), r.output());
            assertInOrder(fw.context.events(), n, "node.gz");
            assertTrue(fw.context.appends().size() > 1, "several CompressedPackedForward messages");
        }
    }

    @Test
    void packedForwardWithAck() throws Exception {
        int n = 5_000;
        try (RunningForward fw = RunningForward.start(new RecordingInputContext())) {
            ClientTools.Result r = send(Map.of("port", fw.port(), "mode", "PackedForward", "count", n, "rounds", 3,
                    "tag", "node.packed", "ack", true));
            assertEquals(0, r.exitCode(), r.output());
            assertInOrder(fw.context.events(), n, "node.packed");
        }
    }

    @Test
    void sharedKeyHandshakeRightKeyAndUserAccepted() throws Exception {
        try (RunningForward fw = RunningForward.start(new RecordingInputContext(), "Shared_Key", "node-key",
                "Self_Hostname", "server.example", "Security.Users", "carol s3cret")) {
            ClientTools.Result r = send(Map.of("port", fw.port(), "mode", "Message", "count", 50, "tag", "node.auth",
                    "ack", true, "security", Map.of("clientHostname", "client.example", "sharedKey", "node-key",
                            "username", "carol", "password", "s3cret")));
            assertEquals(0, r.exitCode(), r.output());
            assertInOrder(fw.context.events(), 50, "node.auth");
        }
    }

    @Test
    void sharedKeyHandshakeWrongKeyRefused() throws Exception {
        try (RunningForward fw = RunningForward.start(new RecordingInputContext(), "Shared_Key", "node-key",
                "Self_Hostname", "server.example")) {
            ClientTools.Result r = send(Map.of("port", fw.port(), "mode", "Message", "count", 5, "tag", "node.auth",
                    "ack", true, "security", Map.of("clientHostname", "client.example", "sharedKey", "not-the-key")));
            assertEquals(3, r.exitCode(), r.output());
            assertTrue(r.output().contains("Authentication failed: shared_key mismatch"), r.output());
            assertEquals(0, fw.context.count());
        }
    }

    @Test
    void wrongPasswordRefused() throws Exception {
        try (RunningForward fw = RunningForward.start(new RecordingInputContext(), "Shared_Key", "node-key",
                "Security.Users", "carol s3cret")) {
            ClientTools.Result r = send(Map.of("port", fw.port(), "mode", "Message", "count", 5, "tag", "node.auth",
                    "ack", true, "security", Map.of("clientHostname", "client.example", "sharedKey", "node-key",
                            "username", "carol", "password", "guess")));
            assertEquals(3, r.exitCode(), r.output());
            assertTrue(r.output().contains("Authentication failed: username/password mismatch"), r.output());
            assertEquals(0, fw.context.count());
        }
    }

    private static ClientTools.Result send(Map<String, Object> options) {
        List<String> cmd = new ArrayList<>(ClientTools.node("send-node.js"));
        Map<String, Object> all = new java.util.LinkedHashMap<>(options);
        all.put("baseSeconds", BASE);
        cmd.add(json(all));
        return ClientTools.run(cmd, 120);
    }

    static void assertInOrder(List<RecordingInputContext.Received> got, int n, String tag) {
        assertEquals(n, got.size(), "exactly " + n + " records");
        for (int i = 0; i < n; i++) {
            var r = got.get(i);
            assertEquals(tag, r.tag());
            assertEquals((long) i, r.event().body().get("seq"), "record " + i + " in order");
            assertEquals(new EventTime(BASE + i / 1000, (int) ((i * 7919L) % 1_000_000_000L)), r.event().time());
        }
    }

    private static String json(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > 1) sb.append(',');
                sb.append(json(e.getKey())).append(':').append(json(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (v instanceof String s) return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return String.valueOf(v);
    }
}
