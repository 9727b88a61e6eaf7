package io.tributary.input.forward;

import io.tributary.testing.Await;

import io.tributary.record.EventTime;
import io.tributary.record.MsgpackWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.tributary.input.forward.Frames.entry;
import static io.tributary.input.forward.Frames.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input closes only the connection that sent it, logs one line naming the peer and the reason, counts an
 * error, stores nothing from the bad frame, and leaves a connection that was open beside it working.
 * Buffer_Max_Size is 64 KiB here so oversize cases stay small.
 */
class MalformedInputIT {
    private static final int MAX = 64 * 1024;
    private static RunningForward fw;
    private static RawForwardClient bystander;
    private static int bystanderSeq;

    @BeforeAll
    static void start() throws Exception {
        fw = RunningForward.start(new RecordingInputContext(), "Buffer_Max_Size", "64k", "Buffer_Chunk_Size", "4k");
        bystander = fw.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        bystander.close();
        fw.close();
    }

    static Stream<Arguments> cases() {
        byte[] entries = Frames.concat(List.of(entry(new EventTime(1, 0), record("a", 1L)), entry(2L, record("b", 2L))));
        byte[] gzip = Frames.gzip(entries);
        byte[] bomb = Frames.gzip(new byte[10 * MAX]);
        return Stream.of(
                Arguments.of("JSON instead of msgpack", "{\"a\":1}".getBytes(StandardCharsets.US_ASCII), "starts with an array"),
                Arguments.of("an HTTP request", "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "starts with an array"),
                Arguments.of("one-element array", bytes(0x91, 0xa1, 't'), "2 to 6 elements, got 1"),
                Arguments.of("seven-element array", bytes(0x97, 1, 2, 3, 4, 5, 6, 7), "2 to 6 elements, got 7"),
                Arguments.of("tag not a string", w().arrayHeader(3).integer(1).integer(2).mapHeader(0).toByteArray(), "tag must be a string"),
                Arguments.of("empty tag", w().arrayHeader(3).string("").integer(2).mapHeader(0).toByteArray(), "empty tag"),
                Arguments.of("time is a boolean", w().arrayHeader(3).string("t").bool(true).mapHeader(0).toByteArray(), "time: type 0xc3"),
                Arguments.of("entries are a string of garbage", w().arrayHeader(3).string("t").string("now").mapHeader(0).toByteArray(),
                        "entry 0 is not a [time, record] array"),
                Arguments.of("negative time", w().arrayHeader(3).string("t").integer(-5).mapHeader(0).toByteArray(), "negative time"),
                Arguments.of("negative int64 time", w().arrayHeader(3).string("t").integer(-5_000_000_000L).mapHeader(0).toByteArray(), "negative time"),
                Arguments.of("EventTime nanoseconds out of range",
                        w().arrayHeader(3).string("t").raw(bytes(0xd7, 0, 0, 0, 0, 1, 0x3b, 0x9a, 0xca, 0x00), 0, 10).mapHeader(0).toByteArray(),
                        "nanoseconds out of range"),
                Arguments.of("record not a map", w().arrayHeader(3).string("t").integer(1).arrayHeader(1).integer(1).toByteArray(), "record must be a map"),
                Arguments.of("message mode without record", w().arrayHeader(2).string("t").integer(1).toByteArray(), "Message mode needs"),
                Arguments.of("option not a map", w().arrayHeader(4).string("t").integer(1).mapHeader(0).integer(5).toByteArray(), "option must be a map"),
                Arguments.of("chunk not a string", Frames.message("t", 1L, record("a", 1L), record("chunk", 5L)), "option chunk must be a string"),
                Arguments.of("forward entry of three elements",
                        Frames.forward("t", List.of(w().arrayHeader(3).integer(1).mapHeader(0).integer(3).toByteArray()), null),
                        "entry 0 is not a [time, record] array"),
                Arguments.of("packed entry not an array", Frames.packed("t", bytes(0x01, 0x02), true, null), "entry 0 is not a [time, record] array"),
                Arguments.of("packed record not a map",
                        Frames.packed("t", w().arrayHeader(2).integer(1).string("x").toByteArray(), true, null), "entry 0: record must be a map"),
                Arguments.of("packed entries truncated", Frames.packed("t", Arrays.copyOf(entries, entries.length - 3), true, null), "truncated msgpack"),
                Arguments.of("truncated gzip", Frames.packed("t", Arrays.copyOf(gzip, gzip.length / 2), true, record("compressed", "gzip")),
                        "corrupt or truncated gzip payload"),
                Arguments.of("corrupt zstd", Frames.packed("t", bytes(0x28, 0xb5, 0x2f, 0xfd, 0x99, 0x99, 0x99, 0x99, 0x99), true,
                        record("compressed", "zstd")), "corrupt or truncated zstd payload"),
                Arguments.of("gzip bomb", Frames.packed("t", bomb, true, record("compressed", "gzip")), "inflates beyond buffer_max_size 65536"),
                Arguments.of("unknown compression", Frames.packed("t", entries, true, record("compressed", "lz4")), "unsupported compressed 'lz4'"),
                Arguments.of("metrics signal", Frames.packed("t", entries, true, record("fluent_signal", 1L)), "fluent_signal 1"),
                Arguments.of("invalid type byte 0xc1", bytes(0x92, 0xa1, 't', 0xc1), "0xc1"),
                Arguments.of("bin32 declaring 2 GB", bytes(0x92, 0xa1, 't', 0xc6, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3), "exceeds buffer_max_size 65536"),
                Arguments.of("array32 declaring 4 billion entries", bytes(0x92, 0xa1, 't', 0xdd, 0xff, 0xff, 0xff, 0xff, 0x90),
                        "exceeds buffer_max_size 65536"),
                Arguments.of("map32 record declaring 4 billion keys", bytes(0x93, 0xa1, 't', 0x01, 0xdf, 0xff, 0xff, 0xff, 0xff, 0xa1, 'k'),
                        "exceeds buffer_max_size 65536"),
                Arguments.of("oversize frame", Frames.packed("t", new byte[MAX + 1], true, null), "exceeds buffer_max_size 65536"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputClosesOnlyItsConnection(String name, byte[] bad, String reason) throws Exception {
        RecordingInputContext ctx = fw.context;
        int errorsBefore = ctx.errors.get();
        int recordsBefore = ctx.count();
        try (RawForwardClient c = fw.connect()) {
            String peer = "127.0.0.1:" + c.socket().getLocalPort();
            c.send(bad);
            assertTrue(c.closedByServer(), "server closed the connection");
            Await.until(Duration.ofSeconds(20), "the error line for " + peer,
                    () -> ctx.logLines.stream().anyMatch(l -> l.contains(peer)));
            List<String> lines = ctx.logLines.stream().filter(l -> l.contains(peer)).toList();
            assertEquals(1, lines.size(), "one log line per failure: " + lines);
            assertTrue(lines.get(0).startsWith("warn " + peer + ": ") && lines.get(0).contains(reason), lines.get(0));
            assertEquals(errorsBefore + 1, ctx.errors.get(), "error counted once");
        }
        assertEquals(recordsBefore, ctx.count(), "nothing stored from the bad frame");
        assertBystanderStillServed();
    }

    @Test
    void framesBeforeTheBadOneAreStoredAndAckedTheBadOneIsNot() throws Exception {
        RecordingInputContext ctx = fw.context;
        int before = ctx.count();
        try (RawForwardClient c = fw.connect()) {
            byte[] good = Frames.message("ok", 1L, record("good", true), record("chunk", "g1"));
            byte[] bad = Frames.message("ok", "bad-time", record("good", false), record("chunk", "b1"));
            c.send(Frames.concat(List.of(good, bad)));
            assertEquals(Map.of("ack", "g1"), c.read());
            assertTrue(c.closedByServer());
        }
        assertEquals(before + 1, ctx.count());
        assertEquals(Boolean.TRUE, ctx.events().get(before).event().body().get("good"));
    }

    private static void assertBystanderStillServed() throws Exception {
        String chunk = "alive-" + (++bystanderSeq);
        bystander.send(Frames.message("bystander", 1L, record("seq", (long) bystanderSeq), record("chunk", chunk)));
        assertEquals(Map.of("ack", chunk), bystander.read());
    }

    private static MsgpackWriter w() { return new MsgpackWriter(); }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }
}
