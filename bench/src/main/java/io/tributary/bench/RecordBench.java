package io.tributary.bench;

import io.tributary.record.EventCursor;
import io.tributary.record.EventTime;
import io.tributary.record.JsonWriter;
import io.tributary.record.MsgpackWriter;
import io.tributary.route.Routes;
import io.tributary.route.TagMatcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Per-record costs of the record model: encode, walk, serialise to JSON, route by tag. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RecordBench {
    private Map<String, Object> body;
    private MsgpackWriter writer;
    private JsonWriter json;
    private byte[] chunk;
    private int chunkLength;
    private EventCursor cursor;
    private Routes<String, String> routes;
    private final EventTime time = new EventTime(1_700_000_000L, 123_456_789);

    @Setup
    public void setup() {
        body = SampleRecords.typical();
        writer = new MsgpackWriter(512);
        json = new JsonWriter(1024);
        MsgpackWriter c = new MsgpackWriter(64 * 1024);
        for (int i = 0; i < 100; i++) c.event(time, null, body);
        chunk = c.array();
        chunkLength = c.size();
        cursor = new EventCursor();
        routes = new Routes<>(List.of(new Routes.Matched<>("grep", TagMatcher.wildcard("kube.*"))),
                List.of(new Routes.Matched<>("kinesis", TagMatcher.wildcard("kube.*.app")),
                        new Routes.Matched<>("firehose", TagMatcher.regex("^syslog\\..*"))));
    }

    /** Encode one ~300-byte record in Fluent Bit's chunk format. */
    @Benchmark
    public int encodeRecord() {
        writer.reset();
        writer.event(time, null, body);
        return writer.size();
    }

    /** Walk and validate 100 encoded records (what counting and copying entries costs); divide by 100. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(100)
    public int walk100Records() {
        cursor.reset(chunk, 0, chunkLength);
        int n = 0;
        while (cursor.next()) n += cursor.eventLength();
        return n;
    }

    /** One record's body from msgpack to JSON bytes (what every AWS output does per record). */
    @Benchmark
    public int recordToJson() {
        json.reset();
        cursor.reset(chunk, 0, chunkLength);
        cursor.next();
        json.msgpack(chunk, cursor.bodyStart(), cursor.bodyEnd());
        return json.size();
    }

    /** Route lookup for a tag seen before (the common case). */
    @Benchmark
    public void routeCachedTag(Blackhole bh) {
        bh.consume(routes.route("kube.default.app"));
    }

    /** Wildcard match without the cache. */
    @Benchmark
    public boolean wildcardMatch() {
        return TagMatcher.wildcard("kube.*.app").matches("kube.default.app");
    }

    static final class SampleRecords {
        static Map<String, Object> typical() {
            Map<String, Object> kube = new LinkedHashMap<>();
            kube.put("pod_name", "web-7d9f8c6b5-x2k4z");
            kube.put("namespace_name", "default");
            kube.put("container_name", "web");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("log", "10.0.0.12 - - [23/Nov/2026:13:22:55 +0000] \"GET /api/v1/orders?id=1234 HTTP/1.1\" 200 512 \"-\" \"curl/8.5.0\"");
            m.put("stream", "stdout");
            m.put("level", "info");
            m.put("status", 200L);
            m.put("latency_ms", 12.5);
            m.put("kubernetes", kube);
            return m;
        }
    }
}
