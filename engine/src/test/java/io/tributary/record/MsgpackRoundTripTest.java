package io.tributary.record;

import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Our writer and readers against msgpack-core, the reference implementation. */
class MsgpackRoundTripTest {
    private static Map<String, Object> sample() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("pod", "web-1");
        nested.put("labels", Map.of("app", "web"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("log", "héllo \"world\"\n\ttab");
        m.put("small", 7L);
        m.put("neg", -40_000L);
        m.put("big", 5_000_000_000L);
        m.put("pi", 3.25);
        m.put("ok", true);
        m.put("none", null);
        m.put("list", List.of(1L, "two", 3.5));
        m.put("k8s", nested);
        m.put("long", "x".repeat(70_000));
        return m;
    }

    /** isTime answers as readTime does (a time, not a time, or the same exception) for every encoding of one. */
    @Test
    void isTimeAgreesWithReadTime() {
        List<byte[]> values = List.of(
                new byte[] {(byte) 0xd7, 0, 0x65, 0x53, (byte) 0xf1, 0, 0, 0, 0, 1},          // EventTime, fixext 8
                new byte[] {(byte) 0xc7, 8, 0, 0x65, 0x53, (byte) 0xf1, 0, 0, 0, 0, 1},       // EventTime, ext 8
                new byte[] {(byte) 0xd7, 0, 0x65, 0x53, (byte) 0xf1, 0, 0x3b, (byte) 0x9a, (byte) 0xca, 0}, // ns 1e9
                new byte[] {(byte) 0xd7, 1, 0, 0, 0, 0, 0, 0, 0, 0},                          // other ext type
                new byte[] {(byte) 0xc7, 4, 0, 0, 0, 0, 0},                                    // ext of 4 bytes
                new byte[] {(byte) 0xd7, 0, 0x65, 0x53},                                       // truncated
                new byte[] {0x05}, new byte[] {(byte) 0xcc, (byte) 200}, new byte[] {(byte) 0xcd, 1, 2},
                new byte[] {(byte) 0xce, 0x65, 0x53, (byte) 0xf1, 0}, new byte[] {(byte) 0xce, 0x65},
                new byte[] {(byte) 0xd3, 0, 0, 0, 0, 0x65, 0x53, (byte) 0xf1, 0}, new byte[] {(byte) 0xd0, (byte) 0xff},
                new byte[] {(byte) 0xcb, 0x41, (byte) 0xd9, 0x54, (byte) 0xfc, 0x40, 0, 0, 0},
                new byte[] {(byte) 0xca, 0x4e, (byte) 0xca, (byte) 0xa7, (byte) 0xe2},
                new byte[] {(byte) 0xa3, 'a', 'b', 'c'}, new byte[] {(byte) 0xc0}, new byte[] {(byte) 0x90});
        for (byte[] v : values) {
            String what = java.util.HexFormat.ofDelimiter(" ").formatHex(v);
            RuntimeException readFailure = null;
            EventTime read = null;
            try {
                read = Msgpack.readTime(v, 0, v.length);
            } catch (RuntimeException e) {
                readFailure = e;
            }
            if (readFailure != null) {
                RuntimeException f = readFailure;
                RuntimeException e = assertThrows(RuntimeException.class, () -> Msgpack.isTime(v, 0, v.length), what);
                assertEquals(f.getClass(), e.getClass(), what);
            } else {
                assertEquals(read != null, Msgpack.isTime(v, 0, v.length), what);
            }
        }
    }

    @Test
    void eventsRoundTripThroughCursorAndDecoder() {
        MsgpackWriter w = new MsgpackWriter();
        EventTime t = new EventTime(1_700_000_000L, 987_654_321);
        w.event(t, Map.of("meta", "m"), sample());
        w.event(new EventTime(1, 0), null, Map.of("a", "b"));
        EventCursor c = new EventCursor(w.array(), 0, w.size());
        c.next();
        LogEvent e = c.decode();
        assertEquals(t, e.time());
        assertEquals(sample(), e.body());
        assertEquals(Map.of("meta", "m"), e.metadata());
        c.next();
        assertEquals(new EventTime(1, 0), c.time());
        assertEquals(2, EventCursor.count(w.array(), 0, w.size()));
    }

    @Test
    void readsTheOlderTimeRecordFormWithIntegerAndFloatTimes() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(2).packLong(1_700_000_000L).packMapHeader(1).packString("a").packString("b");
        p.packArrayHeader(2).packDouble(1_700_000_000.5).packMapHeader(0);
        byte[] b = p.toByteArray();
        EventCursor c = new EventCursor(b, 0, b.length);
        c.next();
        assertEquals(new EventTime(1_700_000_000L, 0), c.time());
        assertEquals(Map.of("a", "b"), c.decode().body());
        c.next();
        assertEquals(new EventTime(1_700_000_000L, 500_000_000), c.time());
    }

    @Test
    void writerOutputIsReadableByMsgpackCore() throws Exception {
        MsgpackWriter w = new MsgpackWriter();
        w.value(sample());
        var u = MessagePack.newDefaultUnpacker(w.toByteArray());
        var v = u.unpackValue();
        assertEquals("héllo \"world\"\n\ttab", v.asMapValue().map().get(org.msgpack.value.ValueFactory.newString("log")).asStringValue().asString());
        assertEquals(10, v.asMapValue().size());
    }

    @Test
    void jsonFromMsgpackEscapesAndReplacesBadUtf8() {
        MsgpackWriter w = new MsgpackWriter();
        w.mapHeader(2).string("s").string("a\"b\\c\u0001é").string("bad")
                .string(new byte[] {'x', (byte) 0xff, 'y'}, 0, 3);
        JsonWriter j = new JsonWriter();
        j.msgpack(w.array(), 0, w.size());
        assertEquals("{\"s\":\"a\\\"b\\\\c\\u0001é\",\"bad\":\"x\uFFFDy\"}", j.toString());
        assertArrayEquals(j.toString().getBytes(StandardCharsets.UTF_8), j.toByteArray());
    }

    @Test
    void truncatedAndLyingInputIsRejectedWithoutHugeAllocation() {
        MsgpackWriter w = new MsgpackWriter();
        w.event(new EventTime(5, 5), null, sample());
        byte[] full = w.toByteArray();
        for (int cut = 0; cut < full.length; cut += 97) {
            int end = cut;
            assertThrows(MalformedMsgpackException.class, () -> EventCursor.count(full, 0, end == 0 ? 1 : end));
        }
        byte[] lying = {(byte) 0xdd, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
        assertThrows(MalformedMsgpackException.class, () -> Msgpack.skip(lying, 0, lying.length));
        assertThrows(MalformedMsgpackException.class, () -> MsgpackValues.decode(lying, 0, lying.length));
        byte[] hugeString = {(byte) 0xdb, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a'};
        assertThrows(MalformedMsgpackException.class, () -> MsgpackValues.decode(hugeString, 0, hugeString.length));
    }
}
