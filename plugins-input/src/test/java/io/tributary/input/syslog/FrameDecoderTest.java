package io.tributary.input.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Both stream framings in an EmbeddedChannel: splits at every byte, limits, garbage and hang-ups. */
class FrameDecoderTest {
    static final String A = "<13>1 2003-10-11T22:14:15.003Z host app - - - hello";
    static final String B = "<14>Nov 16 14:55:56 host app[1]: second";
    static final String C = "<15>1 - - - - - - third with a\nnewline inside";

    static byte[] octet(String... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String m : messages) {
            byte[] b = m.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((b.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** Feeds {@code data} in two writes split at {@code split}, then closes; returns the frames. */
    static List<String> decode(ByteToMessageDecoder decoder, byte[] data, int split) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(data, 0, split));
        ch.writeInbound(Unpooled.wrappedBuffer(data, split, data.length - split));
        ch.finish();
        List<String> frames = new ArrayList<>();
        for (ByteBuf b; (b = ch.readInbound()) != null; ) {
            frames.add(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return frames;
    }

    static void everySplit(Function<RecordingFramingListener, ByteToMessageDecoder> decoder, byte[] data, List<String> want,
                           int wantOversize, int wantMalformed, int wantTruncated) {
        for (int split = 0; split <= data.length; split++) {
            RecordingFramingListener l = new RecordingFramingListener();
            assertEquals(want, decode(decoder.apply(l), data, split), "frames with a split at byte " + split);
            assertEquals(wantOversize, l.oversize.size(), "oversize reports, split at " + split);
            assertEquals(wantMalformed, l.malformed.size(), "malformed reports, split at " + split + ": " + l.malformed);
            assertEquals(wantTruncated, l.truncated.size(), "truncated reports, split at " + split);
        }
    }

    @Test
    void octetCountedFramesSplitAtEveryByteDecodeOnce() {
        everySplit(l -> new OctetCountingFrameDecoder(8192, l), octet(A, B, C), List.of(A, B, C), 0, 0, 0);
    }

    @Test
    void frameSplitIntoSingleBytesDecodesOnce() {
        EmbeddedChannel ch = new EmbeddedChannel(new OctetCountingFrameDecoder(8192, new RecordingFramingListener()));
        for (byte b : octet(A)) ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        ByteBuf msg = ch.readInbound();
        assertEquals(A, msg.toString(StandardCharsets.UTF_8));
        msg.release();
        assertFalse(ch.finish(), "nothing left over");
    }

    @Test
    void newlineFramesSplitAtEveryByteDecodeOnce() {
        byte[] data = bytes(A + "\n" + B + "\r\n\n" + A + "\0" + B);   // the last line ends with the stream
        everySplit(l -> new NewlineFrameDecoder(8192, l), data, List.of(A, B, A, B), 0, 0, 0);
    }

    @Test
    void oversizeOctetFrameIsSkippedAndTheNextOnesKept() {
        String big = "<13>" + "x".repeat(300);
        everySplit(l -> new OctetCountingFrameDecoder(100, l), octet(A, big, B), List.of(A, B), 1, 0, 0);
    }

    @Test
    void oversizeLineIsSkippedAndTheNextOnesKept() {
        String big = "<13>" + "x".repeat(300);
        everySplit(l -> new NewlineFrameDecoder(100, l), bytes(A + "\n" + big + "\n" + B + "\n"), List.of(A, B), 1, 0, 0);
    }

    @Test
    void frameExactlyAtTheLimitIsKept() {
        String exact = "<13>" + "y".repeat(96);
        everySplit(l -> new OctetCountingFrameDecoder(100, l), octet(exact), List.of(exact), 0, 0, 0);
        everySplit(l -> new NewlineFrameDecoder(100, l), bytes(exact + "\n"), List.of(exact), 0, 0, 0);
        everySplit(l -> new NewlineFrameDecoder(100, l), bytes(exact + "z\n"), List.of(), 1, 0, 0);
    }

    @Test
    void garbageBetweenOctetFramesIsSkippedToTheNextNewline() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(octet(A));
        data.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 'j', 'u', 'n', 'k', '\n'});
        data.writeBytes(octet(B));
        data.writeBytes(bytes("12x4 not a length\n"));
        data.writeBytes(octet(A));
        everySplit(l -> new OctetCountingFrameDecoder(8192, l), data.toByteArray(), List.of(A, B, A), 0, 2, 0);
    }

    @Test
    void newlineFramedMessagesAreAcceptedInOctetCountingMode() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(octet(A));
        data.writeBytes(bytes(B + "\n"));
        data.writeBytes(octet(C));
        data.writeBytes(bytes("\n"));   // a stray newline after a counted frame
        data.writeBytes(bytes(B));      // and a last line that ends with the stream
        everySplit(l -> new OctetCountingFrameDecoder(8192, l), data.toByteArray(), List.of(A, B, C, B), 0, 0, 0);
    }

    @Test
    void hangUpInTheMiddleOfAFrameKeepsEarlierFramesAndReportsIt() {
        byte[] whole = octet(A, B);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 5);
        RecordingFramingListener l = new RecordingFramingListener();
        assertEquals(List.of(A), decode(new OctetCountingFrameDecoder(8192, l), cut, cut.length / 3));
        assertEquals(1, l.truncated.size());
    }

    @Test
    void hangUpInsideALengthPrefixIsReported() {
        byte[] data = bytes(new String(octet(A), StandardCharsets.UTF_8) + "12");
        RecordingFramingListener l = new RecordingFramingListener();
        assertEquals(List.of(A), decode(new OctetCountingFrameDecoder(8192, l), data, 3));
        assertEquals(1, l.truncated.size());
    }

    @Test
    void hugeDeclaredLengthIsSkippedWithoutBuffering() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(octet(A));
        data.writeBytes(bytes("2000000000 "));
        data.writeBytes(new byte[10_000]);
        RecordingFramingListener l = new RecordingFramingListener();
        EmbeddedChannel ch = new EmbeddedChannel(new OctetCountingFrameDecoder(8192, l));
        ch.writeInbound(Unpooled.wrappedBuffer(data.toByteArray()));
        ByteBuf first = ch.readInbound();
        assertEquals(A, first.toString(StandardCharsets.UTF_8));
        first.release();
        ch.finish();
        assertEquals(List.of(2_000_000_000L), l.oversize, "reported once, at the hang-up");
    }

    @Test
    void elevenDigitLengthIsMalformed() {
        RecordingFramingListener l = new RecordingFramingListener();
        byte[] data = bytes("12345678901 x\n" + new String(octet(B), StandardCharsets.UTF_8));
        assertEquals(List.of(B), decode(new OctetCountingFrameDecoder(8192, l), data, 5));
        assertEquals(1, l.malformed.size());
    }
}
