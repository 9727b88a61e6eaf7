package io.tributary.input.forward;

import io.tributary.testing.Await;

import io.tributary.record.EventTime;
import io.tributary.spi.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.tributary.input.forward.Frames.entry;
import static io.tributary.input.forward.Frames.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every mode, built by hand from the Forward Protocol Specification v1, over a real 127.0.0.1 socket. */
class ForwardProtocolIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void messageModeAcceptsEventTimeIntegerAndFloatTimes() throws Exception {
        try (RunningForward fw = RunningForward.start(new RecordingInputContext());
             RawForwardClient c = fw.connect()) {
            c.send(Frames.message("app", new EventTime(1_700_000_000L, 123_456_789), record("n", 1L), null));
            c.send(Frames.message("app", 1_700_000_001L, record("n", 2L), null));
            c.send(Frames.message("app", 1_700_000_002.25, record("n", 3L, "s", "ü"), null));
            Await.until(WAIT, "3 records", () -> fw.context.count() == 3);
            var got = fw.context.events();
            assertEquals(new EventTime(1_700_000_000L, 123_456_789), got.get(0).event().time());
            assertEquals(new EventTime(1_700_000_001L, 0), got.get(1).event().time());
            assertEquals(new EventTime(1_700_000_002L, 250_000_000), got.get(2).event().time());
            assertEquals(List.of(1L, 2L, 3L), got.stream().map(r -> r.event().body().get("n")).toList());
            assertEquals("ü", got.get(2).event().body().get("s"));
            assertTrue(got.stream().allMatch(r -> r.tag().equals("app")));
        }
    }

    @Test
    void messageModeOptionMetadataBecomesEventMetadataAndChunkIsAcked() throws Exception {
        try (RunningForward fw = RunningForward.start(new RecordingInputContext());
             RawForwardClient c = fw.connect()) {
            c.send(Frames.message("app", 5L, record("k", "v"), record("chunk", "c-1", "metadata", record("m", 7L))));
            assertEquals(Map.of("ack", "c-1"), c.read());
            var e = fw.context.events().get(0).event();
            assertEquals(Map.of("m", 7L), e.metadata());
            assertEquals(Map.of("k", "v"), e.body());
        }
    }

    @Test
    void fluentSignalZeroAsAnyIntegerEncodingIsLogs() throws Exception {
        byte[] entries = entry(new EventTime(1, 1), record("a", 1L));
        // Fluent Bit's out_forward may add fluent_signal 0 (logs); uint8 0 is the same value as fixint 0.
        byte[] frame = new io.tributary.record.MsgpackWriter().arrayHeader(3).string("sig").binary(entries, 0, entries.length)
                .mapHeader(2).string("fluent_signal").raw(new byte[] {(byte) 0xcc, 0}, 0, 2).string("chunk").string("s0")
                .toByteArray();
        try (RunningForward fw = RunningForward.start(new RecordingInputContext()); RawForwardClient c = fw.connect()) {
            c.send(frame);
            assertEquals(Map.of("ack", "s0"), c.read());
            assertEquals(1, fw.context.count());
        }
    }

    @Test
    void forwardModeKeepsEntryOrderTimesAndMetadata() throws Exception {
        try (RunningForward fw = RunningForward.start(new RecordingInputContext());
             RawForwardClient c = fw.connect()) {
            List<byte[]> entries = List.of(
                    entry(new EventTime(10, 1), record("i", 0L)),
                    entry(11L, record("i", 1L)),
                    entry(12.5, record("i", 2L)),
                    Frames.entryWithMetadata(new EventTime(13, 999_999_999), record("trace", "t1"), record("i", 3L)));
            c.send(Frames.forward("fwd.mode", entries, record("chunk", "f-1")));
            assertEquals(Map.of("ack", "f-1"), c.read());
            var got = fw.context.events();
            assertEquals(4, got.size());
            assertEquals(List.of(0L, 1L, 2L, 3L), got.stream().map(r -> r.event().body().get("i")).toList());
            assertEquals(List.of(new EventTime(10, 1), new EventTime(11, 0), new EventTime(12, 500_000_000),
                    new EventTime(13, 999_999_999)), got.stream().map(r -> r.event().time()).toList());
            assertEquals(Map.of("trace", "t1"), got.get(3).event().metadata());
        }
    }

    @Test
    void packedForwardEntriesAsBinOrStrWithEventTimesReachTheEngineByteForByte() throws Exception {
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i < 50; i++) list.add(entry(new EventTime(1_700_000_000L + i, i), record("i", (long) i)));
        byte[] entries = Frames.concat(list);
        for (boolean bin : new boolean[] {true, false}) {
            try (RunningForward fw = RunningForward.start(new RecordingInputContext());
                 RawForwardClient c = fw.connect()) {
                c.send(Frames.packed("packed", entries, bin, record("chunk", "p-" + bin, "size", 50L)));
                assertEquals(Map.of("ack", "p-" + bin), c.read());
                assertEquals(50, fw.context.count());
                assertArrayEquals(entries, fw.context.appends().get(0), "entries copied unchanged (bin=" + bin + ")");
                assertEquals(new EventTime(1_700_000_049L, 49), fw.context.events().get(49).event().time());
            }
        }
    }

    @Test
    void packedForwardIntegerAndFloatTimesAreRewrittenAsEventTime() throws Exception {
        byte[] entries = Frames.concat(List.of(entry(100L, record("a", 1L)), entry(101.5, record("a", 2L)),
                entry(new EventTime(102, 3), record("a", 3L))));
        try (RunningForward fw = RunningForward.start(new RecordingInputContext());
             RawForwardClient c = fw.connect()) {
            c.send(Frames.packed("packed", entries, false, record("chunk", "x")));
            c.read();
            var got = fw.context.events();
            assertEquals(List.of(new EventTime(100, 0), new EventTime(101, 500_000_000), new EventTime(102, 3)),
                    got.stream().map(r -> r.event().time()).toList());
            byte[] stored = fw.context.appends().get(0);
            // Every stored event is [[EventTime, {}], record]: fixext8 type 0 right after two array headers.
            assertEquals((byte) 0x92, stored[0]);
            assertEquals((byte) 0x92, stored[1]);
            assertEquals((byte) 0xd7, stored[2]);
            assertEquals(0, stored[3]);
        }
    }

    @Test
    void compressedPackedForwardGzipMembersAndZstd() throws Exception {
        byte[] first = Frames.concat(List.of(entry(new EventTime(1, 1), record("n", 1L)), entry(new EventTime(2, 2), record("n", 2L))));
        byte[] second = entry(new EventTime(3, 3), record("n", 3L));
        // The spec allows a payload of several concatenated gzip members.
        byte[] gzip = Frames.concat(List.of(Frames.gzip(first), Frames.gzip(second)));
        try (RunningForward fw = RunningForward.start(new RecordingInputContext());
             RawForwardClient c = fw.connect()) {
            c.send(Frames.packed("gz", gzip, true, record("chunk", "g", "compressed", "gzip", "size", 3L)));
            assertEquals(Map.of("ack", "g"), c.read());
            c.send(Frames.packed("zs", Frames.zstd(first), true, record("chunk", "z", "compressed", "zstd")));
            assertEquals(Map.of("ack", "z"), c.read());
            var got = fw.context.events();
            assertEquals(List.of(1L, 2L, 3L, 1L, 2L), got.stream().map(r -> r.event().body().get("n")).toList());
            assertEquals(List.of("gz", "gz", "gz", "zs", "zs"), got.stream().map(RecordingInputContext.Received::tag).toList());
        }
    }

    @Test
    void framesSplitIntoSingleBytesAndPipelinedFramesDecodeOnce() throws Exception {
        byte[] one = Frames.message("split", 7L, record("x", "y"), record("chunk", "a"));
        byte[] two = Frames.forward("split", List.of(entry(8L, record("x", "z"))), record("chunk", "b"));
        try (RunningForward fw = RunningForward.start(new RecordingInputContext(), "Buffer_Chunk_Size", "64");
             RawForwardClient c = fw.connect()) {
            c.socket().setTcpNoDelay(true);
            for (byte b : one) c.send(new byte[] {b});
            assertEquals(Map.of("ack", "a"), c.read());
            c.send(Frames.concat(List.of(two, one, two)));
            assertEquals(Map.of("ack", "b"), c.read());
            assertEquals(Map.of("ack", "a"), c.read());
            assertEquals(Map.of("ack", "b"), c.read());
            assertEquals(4, fw.context.count());
        }
    }

    @Test
    void ackIsSentOnlyAfterTheEngineStoredTheRecords() throws Exception {
        RecordingInputContext ctx = new RecordingInputContext();
        CountDownLatch stored = new CountDownLatch(1);
        ctx.onAppend = (tag, n) -> {
            try {
                stored.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (RunningForward fw = RunningForward.start(ctx); RawForwardClient c = fw.connect()) {
            c.send(Frames.message("slow", 1L, record("a", 1L), record("chunk", "late")));
            c.setTimeoutMillis(500);
            assertThrows(java.net.SocketTimeoutException.class, c::read, "no ack while the append has not returned");
            stored.countDown();
            c.setTimeoutMillis(10_000);
            assertEquals(Map.of("ack", "late"), c.read());
        }
    }

    @Test
    void storeFailureClosesTheConnectionWithoutAck() throws Exception {
        RecordingInputContext ctx = new RecordingInputContext();
        ctx.onAppend = (tag, n) -> { throw new StoreException("engine stopping"); };
        try (RunningForward fw = RunningForward.start(ctx); RawForwardClient c = fw.connect()) {
            c.send(Frames.message("t", 1L, record("a", 1L), record("chunk", "never")));
            assertTrue(c.closedByServer());
            assertTrue(ctx.logged("could not store 1 records (engine stopping)"), ctx.logLines.toString());
            assertEquals(0, ctx.count());
        }
    }

    @Test
    void tagPrefixIsPrependedAndAConfiguredTagReplacesTheSendersTag() throws Exception {
        try (RunningForward fw = RunningForward.start(new RecordingInputContext(), "Tag_Prefix", "fw.");
             RawForwardClient c = fw.connect()) {
            c.send(Frames.message("app", 1L, record("a", 1L), record("chunk", "1")));
            c.read();
            assertEquals("fw.app", fw.context.events().get(0).tag());
        }
        try (RunningForward fw = RunningForward.start(new RecordingInputContext("forward.0", "fixed"));
             RawForwardClient c = fw.connect()) {
            c.send(Frames.message("app", 1L, record("a", 1L), record("chunk", "1")));
            c.read();
            assertEquals("fixed", fw.context.events().get(0).tag());
        }
    }

    @Test
    void unixSocketWithPermissionsAndTcpTogether(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("fw.sock");
        RecordingInputContext ctx = new RecordingInputContext();
        try (RunningForward fw = RunningForward.start(ctx, "Unix_Path", sock.toString(), "Unix_Perm", "0660")) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(sock));
                ch.write(ByteBuffer.wrap(Frames.message("unix", 1L, record("via", "unix"), record("chunk", "u"))));
                ByteBuffer ack = ByteBuffer.allocate(64);
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (ack.position() < 7 && System.nanoTime() < deadline) ch.read(ack);
                byte[] got = Arrays.copyOf(ack.array(), ack.position());
                assertArrayEquals(new byte[] {(byte) 0x81, (byte) 0xa3, 'a', 'c', 'k', (byte) 0xa1, 'u'}, got);
            }
            try (RawForwardClient c = fw.connect()) {
                c.send(Frames.message("tcp", 1L, record("via", "tcp"), record("chunk", "t")));
                c.read();
            }
            assertEquals(List.of("unix", "tcp"), ctx.events().stream().map(RecordingInputContext.Received::tag).toList());
        }
        assertFalse(Files.exists(sock), "socket file removed on stop");
    }

    @Test
    void unixPathAloneListensOnlyOnTheSocket(@TempDir Path dir) throws Exception {
        try (RunningForward fw = RunningForward.startExactly(new RecordingInputContext(), "Unix_Path",
                dir.resolve("only.sock").toString())) {
            assertEquals(1, fw.input.boundAddresses().size());
            assertInstanceOf(io.netty.channel.unix.DomainSocketAddress.class, fw.input.boundAddresses().get(0));
        }
    }

    @Test
    void aFileInTheWayOfUnixPathIsNeverDeleted(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-socket"), "keep me");
        Exception e = assertThrows(Exception.class, () -> RunningForward.startExactly(new RecordingInputContext(),
                "Unix_Path", file.toString()));
        assertTrue(e.getMessage().contains("is not a unix socket"), e.getMessage());
        assertEquals("keep me", Files.readString(file));
    }
}
