package io.tributary.input.forward;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.tributary.record.EventTime;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.tributary.input.forward.Frames.entry;
import static io.tributary.input.forward.Frames.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForwardFrameDecoderTest {
    private static final byte[] MESSAGE = Frames.message("tag", new EventTime(1, 2), record("k", "v", "n", 300L), record("chunk", "c"));
    private static final byte[] PACKED = Frames.packed("tag", Frames.concat(List.of(entry(1L, record("a", 1L)),
            entry(2L, record("b", List.of(1L, 2L))))), false, null);

    @Test
    void frameSplitAtEveryByteBoundaryDecodesOnceWithItsElements() {
        for (int split = 1; split < MESSAGE.length; split++) {
            EmbeddedChannel ch = new EmbeddedChannel(new ForwardFrameDecoder(1 << 20, 64));
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(MESSAGE, 0, split)));
            assertNull(ch.readInbound(), "incomplete at " + split);
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(MESSAGE, split, MESSAGE.length)));
            ForwardFrame f = ch.readInbound();
            assertEquals(MESSAGE.length, f.length());
            assertArrayEquals(MESSAGE, Arrays.copyOfRange(f.array(), f.base(), f.base() + f.length()));
            assertEquals(4, f.elements());
            assertEquals(1, f.elementStart(0), "after the fixarray header");
            assertEquals(5, f.elementStart(1), "after fixstr 'tag'");
            f.release();
            assertFalse(ch.finish(), "nothing left over at split " + split);
        }
    }

    @Test
    void oneByteAtATimeAndSeveralFramesInOneRead() {
        EmbeddedChannel ch = new EmbeddedChannel(new ForwardFrameDecoder(1 << 20, 64));
        for (byte b : PACKED) ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        ch.writeInbound(Unpooled.wrappedBuffer(Frames.concat(List.of(MESSAGE, PACKED, MESSAGE))));
        int[] lengths = {PACKED.length, MESSAGE.length, PACKED.length, MESSAGE.length};
        for (int len : lengths) {
            ForwardFrame f = ch.readInbound();
            assertEquals(len, f.length());
            f.release();
        }
        assertFalse(ch.finish());
    }

    @Test
    void aDeclaredSizeOverTheLimitFailsFromItsHeaderWithoutWaitingForData() {
        EmbeddedChannel ch = new EmbeddedChannel(new ForwardFrameDecoder(1024, 64));
        // bin32 claiming 2 GiB, followed by nothing: refused now, nothing allocated for it.
        TooLongFrameException e = assertThrows(TooLongFrameException.class,
                () -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x92, (byte) 0xa1, 't', (byte) 0xc6, 0x7f, -1, -1, -1})));
        assertTrue(e.getMessage().contains("exceeds buffer_max_size 1024"), e.getMessage());
        // The connection is closing: what else arrives is dropped, not decoded.
        ch.writeInbound(Unpooled.wrappedBuffer(MESSAGE));
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aFrameExactlyAtTheLimitPassesOneByteMoreFails() {
        byte[] payload = new byte[100];
        byte[] frame = Frames.packed("t", payload, true, null);
        EmbeddedChannel ok = new EmbeddedChannel(new ForwardFrameDecoder(frame.length, 64));
        ok.writeInbound(Unpooled.wrappedBuffer(frame));
        ForwardFrame f = ok.readInbound();
        assertEquals(frame.length, f.length());
        f.release();
        assertFalse(ok.finish());
        EmbeddedChannel tooSmall = new EmbeddedChannel(new ForwardFrameDecoder(frame.length - 1, 64));
        assertThrows(TooLongFrameException.class, () -> tooSmall.writeInbound(Unpooled.wrappedBuffer(frame)));
        tooSmall.finishAndReleaseAll();
    }

    @Test
    void bytesThatAreNotAForwardMessageAreCorrupt() {
        EmbeddedChannel ch = new EmbeddedChannel(new ForwardFrameDecoder(1024, 64));
        CorruptedFrameException e = assertThrows(CorruptedFrameException.class,
                () -> ch.writeInbound(Unpooled.wrappedBuffer("{\"json\":true}".getBytes())));
        assertTrue(e.getMessage().contains("starts with an array, got byte 0x7b"), e.getMessage());
        ch.finishAndReleaseAll();
    }
}
