package io.tributary.input.syslog;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.tributary.record.EventCursor;
import io.tributary.record.LogEvent;
import io.tributary.record.MsgpackWriter;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jazzer fuzz tests of the framing and the parsers. A plain {@code mvn test} replays the corpus in
 * src/test/resources/io/tributary/input/syslog/SyslogFuzzTestInputs/ as regression tests; fuzz with
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=SyslogFuzzTest}.
 */
class SyslogFuzzTest {
    static final Peer PEER = Peer.of("udp", new InetSocketAddress("127.0.0.1", 514), null);

    /** Any bytes make exactly one well-formed event whose string fields are pieces of the input. */
    @FuzzTest(maxDuration = "60s")
    void parsersAlwaysYieldOneWellFormedEvent(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        for (SyslogParser.Dialect d : SyslogParser.Dialect.values()) {
            MsgpackWriter out = new MsgpackWriter();
            new BuiltinEventEncoder(d, RecordKeys.of("raw", null, "sev", "fac"))
                    .encode(input, 0, input.length, PEER, 1_700_000_000L, 5, out);
            EventCursor c = new EventCursor(out.array(), 0, out.size());
            assertTrue(c.next());
            LogEvent e = c.decode();
            assertTrue(!c.next(), "exactly one event");
            assertTrue(Arrays.equals(input, ((String) e.body().get("raw")).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    || !isValidUtf8(input), "raw message kept");
            for (Map.Entry<String, Object> f : e.body().entrySet()) {
                if (f.getKey().equals("raw") || f.getKey().equals("sev") || f.getKey().equals("fac")) continue;
                String v = (String) f.getValue();
                assertTrue(!v.isEmpty(), "empty fields are left out: " + f);
                if (isValidUtf8(input) && !(f.getKey().equals("host") && v.equals("127.0.0.1"))) {
                    assertTrue(text.contains(v), f + " is a piece of the input");
                }
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void octetCountingIsIndependentOfHowBytesArrive(FuzzedDataProvider data) {
        chunkingDoesNotMatter(data, l -> new OctetCountingFrameDecoder(64, l));
    }

    @FuzzTest(maxDuration = "60s")
    void newlineFramingIsIndependentOfHowBytesArrive(FuzzedDataProvider data) {
        chunkingDoesNotMatter(data, l -> new NewlineFrameDecoder(64, l));
    }

    /**
     * Decoding the stream in one piece and in fuzzer-chosen pieces gives the same frames and the same reports;
     * no frame exceeds the limit, and no buffer leaks.
     */
    private static void chunkingDoesNotMatter(FuzzedDataProvider data, Function<RecordingFramingListener, ByteToMessageDecoder> decoder) {
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) cuts[i] = data.consumeInt(0, 300);
        byte[] stream = data.consumeRemainingAsBytes();
        RecordingFramingListener wholeReports = new RecordingFramingListener();
        List<String> whole = run(decoder.apply(wholeReports), stream, new int[0]);
        RecordingFramingListener pieceReports = new RecordingFramingListener();
        List<String> pieces = run(decoder.apply(pieceReports), stream, cuts);
        assertEquals(whole, pieces);
        assertEquals(wholeReports.oversize, pieceReports.oversize);
        assertEquals(wholeReports.malformed.size(), pieceReports.malformed.size());
        assertEquals(wholeReports.truncated, pieceReports.truncated);
        for (String f : whole) assertTrue(f.length() <= 64 * 4, "frame within the limit");
    }

    private static List<String> run(ByteToMessageDecoder decoder, byte[] stream, int[] cuts) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        int[] sorted = cuts.clone();
        Arrays.sort(sorted);
        List<ByteBuf> written = new ArrayList<>();
        int at = 0;
        for (int cut : sorted) {
            int to = Math.min(cut, stream.length);
            if (to > at) {
                written.add(Unpooled.wrappedBuffer(stream, at, to - at));
                ch.writeInbound(written.get(written.size() - 1));
                at = to;
            }
        }
        if (at < stream.length) {
            written.add(Unpooled.wrappedBuffer(stream, at, stream.length - at));
            ch.writeInbound(written.get(written.size() - 1));
        }
        ch.finish();
        List<String> frames = new ArrayList<>();
        for (ByteBuf b; (b = ch.readInbound()) != null; ) {
            assertTrue(b.readableBytes() <= 64, "frame of " + b.readableBytes() + " bytes over the 64-byte limit");
            frames.add(b.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
            b.release();
        }
        // Frames are slices of what arrived: once they are released, nothing that arrived may still be held.
        for (ByteBuf b : written) assertEquals(0, b.refCnt(), "input buffer released");
        return frames;
    }

    private static boolean isValidUtf8(byte[] b) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
