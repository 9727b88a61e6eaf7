package io.tributary.output.kinesis;

import io.micrometer.core.instrument.Counter;
import io.tributary.engine.Engine;
import io.tributary.output.aws.KeyRing;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.ConfigException;
import io.tributary.testing.Await;
import io.tributary.testing.PushInput;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kinesis_streams through the engine: config text in, records pushed by an input, the strict server out. */
class KinesisEngineIT {
    static final String KEY_ID = "AKIAENGINETEST000001";
    static final String SECRET = "engine-secret-value-0000000000000";

    @Test
    void recordsFlowThroughTheEngineExactlyOnceDespiteFailingEntries() throws Exception {
        KeyRing keys = new KeyRing(Clock.systemUTC());
        keys.add(KEY_ID, SECRET);
        try (StrictKinesisServer server = new StrictKinesisServer(keys, "us-east-1", Set.of("app-logs"), 5L << 20, true)) {
            server.failEntries(0.3);
            Engine engine = Engine.fromText("""
                    [SERVICE]
                        Flush           0.2
                        scheduler.base  1
                        scheduler.cap   2
                    [INPUT]
                        Name  push
                        Id    kinesis-e2e
                        Tag   app.orders
                    [OUTPUT]
                        Name           kinesis_streams
                        Alias          orders_to_kinesis
                        Match          app.*
                        Region         us-east-1
                        Stream         app-logs
                        Endpoint       ${ENDPOINT}
                        Time_Key       time
                        backoff_base   10ms
                        Retry_Limit    no_limits
                    """, Map.of("ENDPOINT", server.endpoint(), "AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET,
                    "AWS_EC2_METADATA_DISABLED", "true"));
            engine.start();
            try {
                int total = 20_000;
                for (int batch = 0; batch < total / 500; batch++) {
                    List<LogEvent> events = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("id", (long) (batch * 500 + i));
                        body.put("log", "order accepted");
                        events.add(new LogEvent(EventTime.now(), body));
                    }
                    PushInput.context("kinesis-e2e").append("app.orders", events);
                }
                Await.until(Duration.ofSeconds(120), total + " records at the server", () -> server.received.size() >= total);
                Set<Long> ids = new HashSet<>();
                for (StrictKinesisServer.Received r : server.received) {
                    Map<String, JsonNode> rec = JsonNode.parser().parse(r.data()).asObject();
                    assertTrue(ids.add(Long.parseLong(rec.get("id").asNumber())), "duplicate");
                    assertTrue(rec.containsKey("time"));
                }
                assertEquals(total, ids.size());
                assertEquals(total, server.received.size(), "no duplicates");
                assertTrue(server.failedEntries.get() > total / 5, "entries did fail: " + server.failedEntries);
                double concurrency = engine.meters().get("tributary.output.aws.concurrency").tag("name", "orders_to_kinesis").gauge().value();
                assertTrue(concurrency >= 1, "the AIMD gauge is published under the instance name");
                Counter calls = engine.meters().get("tributary.output.aws.calls").tag("name", "orders_to_kinesis").counter();
                assertTrue(calls.count() >= total / 500.0);
            } finally {
                engine.stop(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void dryRunRefusesAnUnknownKeyAndAMissingStream() {
        ConfigException e = assertThrows(ConfigException.class, () -> Engine.fromText("""
                [OUTPUT]
                    Name    kinesis
                    Match   *
                    Region  us-east-1
                    Strem   typo
                """, Map.of()));
        assertEquals(List.of("inline.conf:5: [OUTPUT] kinesis: unknown key 'Strem' (did you mean 'stream'?)",
                "inline.conf:1: [OUTPUT] kinesis: missing required key 'stream'"), e.problems());
    }
}
