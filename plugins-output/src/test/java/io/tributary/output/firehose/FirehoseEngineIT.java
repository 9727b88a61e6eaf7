package io.tributary.output.firehose;

import io.tributary.engine.Engine;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.ConfigException;
import io.tributary.testing.Await;
import io.tributary.testing.PushInput;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kinesis_firehose through the engine: config text in, records pushed by an input, the strict server out. */
class FirehoseEngineIT {
    private static final Map<String, String> CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", "AKIAFIREHOSEENGINE01",
            "AWS_SECRET_ACCESS_KEY", "engine-secret", "AWS_EC2_METADATA_DISABLED", "true", "HOME", "/nonexistent");

    @Test
    void envelopesThatFailGoBackToTheEngineAndArriveOnceWithTheirIds() throws Exception {
        try (StrictFirehoseServer server = new StrictFirehoseServer("us-east-1", "syslog-relay")) {
            // The first envelope of each flush for host h1 fails: with retry_attempts 1 its records go back to the
            // engine, which retries just them later.
            server.failOnce = d -> FirehoseIT.Envelope.of(d).stream().equals("h1");
            Map<String, String> env = new HashMap<>(CREDENTIALS);
            env.put("ENDPOINT", server.endpoint());
            Engine engine = Engine.fromText("""
                    [SERVICE]
                        Flush           0.2
                        scheduler.base  1
                        scheduler.cap   2
                    [INPUT]
                        Name  push
                        Id    firehose-e2e
                        Tag   syslog
                    [OUTPUT]
                        Name             kinesis_firehose
                        Alias            relay
                        Match            syslog
                        Region           us-east-1
                        delivery_stream  syslog-relay
                        Endpoint         ${ENDPOINT}
                        format           cloudwatch_logs
                        log_key          message
                        log_group        /tributary/syslog
                        log_stream       $host
                        retry_attempts   1
                        Retry_Limit      no_limits
                    """, env);
            engine.start();
            try {
                int total = 3_000;
                for (int batch = 0; batch < total / 300; batch++) {
                    List<LogEvent> events = new ArrayList<>();
                    for (int i = batch * 300; i < (batch + 1) * 300; i++) {
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("host", "h" + (i % 3));
                        body.put("message", "line " + i);
                        events.add(new LogEvent(EventTime.now(), body));
                    }
                    PushInput.context("firehose-e2e").append("syslog", events);
                }
                Await.until(Duration.ofSeconds(60), total + " events at the server", () -> events(server) >= total);

                Map<String, String> delivered = new HashMap<>();
                for (byte[] d : server.accepted) {
                    FirehoseIT.Envelope e = FirehoseIT.Envelope.of(d);
                    assertEquals("/tributary/syslog", e.group());
                    for (JsonNode ev : e.events()) {
                        String message = ev.field("message").get().asString();
                        assertNull(delivered.put(message, ev.field("id").get().asString()), "delivered twice: " + message);
                    }
                }
                assertEquals(total, delivered.size());
                assertTrue(server.failed.size() > 0, "envelopes did fail");
                for (byte[] d : server.failed) {
                    for (JsonNode ev : FirehoseIT.Envelope.of(d).events()) {
                        assertEquals(ev.field("id").get().asString(), delivered.get(ev.field("message").get().asString()),
                                "an event retried by the engine keeps its id");
                    }
                }
                assertEquals(List.of(), server.violations);
            } finally {
                engine.stop(Duration.ofSeconds(5));
            }
        }
    }

    private static int events(StrictFirehoseServer server) {
        int n = 0;
        for (byte[] d : server.accepted) n += FirehoseIT.Envelope.of(d).events().size();
        return n;
    }

    @Test
    void dryRunRefusesUnknownKeysAndOptionsOfTheWrongFormat() {
        ConfigException e = assertThrows(ConfigException.class, () -> Engine.fromText("""
                [OUTPUT]
                    Name             firehose
                    Match            *
                    Region           us-east-1
                    delivery_streem  typo
                [OUTPUT]
                    Name             kinesis_firehose
                    Match            *
                    Region           us-east-1
                    delivery_stream  logs
                    log_group        /x
                """, Map.of()));
        assertEquals(List.of("inline.conf:5: [OUTPUT] firehose: unknown key 'delivery_streem' (did you mean 'delivery_stream'?)",
                "inline.conf:1: [OUTPUT] firehose: missing required key 'delivery_stream'",
                "inline.conf:11: [kinesis_firehose] log_group: applies only with format cloudwatch_logs"), e.problems());
    }
}
