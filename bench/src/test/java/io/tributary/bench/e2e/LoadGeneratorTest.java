package io.tributary.bench.e2e;

import io.tributary.record.EventCursor;
import io.tributary.record.LogEvent;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadGeneratorTest {
    @Test
    void forwardBlocksArePackedForwardFramesOfNumberedThreeHundredByteEntries() throws Exception {
        LoadGenerator.Block b = new ForwardLoad().block(7);
        b.number(4_000_000_000L - 3);   // crosses nothing, but uses all four bytes of the uint32
        MessageUnpacker u = MessagePack.newDefaultUnpacker(b.bytes());
        assertEquals(3, u.unpackArrayHeader());
        assertEquals(ForwardLoad.TAG, u.unpackString());
        assertEquals(ValueType.BINARY, u.getNextFormat().getValueType());
        int len = u.unpackBinaryHeader();
        byte[] entries = u.readPayload(len);
        assertEquals(1, u.unpackMapHeader());
        assertEquals("size", u.unpackString());
        assertEquals(7, u.unpackInt());
        assertTrue(!u.hasNext(), "nothing after the option map");
        assertEquals(7 * ForwardLoad.ENTRY_BYTES, len);

        EventCursor c = new EventCursor(entries, 0, entries.length);
        long expected = 4_000_000_000L - 3;
        int n = 0;
        while (c.next()) {
            LogEvent e = c.decode();
            assertEquals(expected++, ((Number) e.body().get("seq")).longValue());
            assertEquals("stdout", e.body().get("source"));
            assertEquals("seq", e.body().keySet().iterator().next(), "seq is the first key");
            n++;
        }
        assertEquals(7, n);
    }

    @Test
    void syslogBlocksAreOctetCountedRfc5424MessagesWithTheirSequenceNumbers() {
        LoadGenerator.Block b = new SyslogLoad().block(3);
        b.number(41);
        String s = new String(b.bytes(), StandardCharsets.US_ASCII);
        int pos = 0;
        for (int i = 0; i < 3; i++) {
            int sp = s.indexOf(' ', pos);
            int len = Integer.parseInt(s.substring(pos, sp));
            assertEquals(SyslogLoad.MESSAGE_BYTES, len);
            String msg = s.substring(sp + 1, sp + 1 + len);
            assertTrue(msg.startsWith("<165>1 2026-11-23T14:00:00.123456+00:00 "), msg);
            assertTrue(msg.contains(" - seq=00000000" + (41 + i) + " "), msg);
            pos = sp + 1 + len;
        }
        assertEquals(s.length(), pos);
    }

    @Test
    void sendsEveryRecordOnceOverSeveralConnections() throws Exception {
        try (DiscardServer discard = new DiscardServer()) {
            LoadGenerator.Sent sent = new ForwardLoad().send(discard.address(), 12_345, 3, Duration.ofSeconds(30));
            assertEquals(12_345, sent.records());
            assertEquals(0, sent.unsentRecords());
            long frames = (12_345 + 999) / 1000;
            assertTrue(sent.bytes() > 12_345L * ForwardLoad.ENTRY_BYTES && sent.bytes() < 12_345L * ForwardLoad.ENTRY_BYTES + frames * 64);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (discard.bytes() < sent.bytes() && System.nanoTime() < deadline) Thread.sleep(5);
            assertEquals(sent.bytes(), discard.bytes());
        }
    }

    @Test
    void aRefusingReceiverCountsTheRecordsAsUnsentAndGivesUp() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LoadGenerator.Sent sent = new SyslogLoad().send(new java.net.InetSocketAddress("127.0.0.1", port), 5_000, 1,
                Duration.ofSeconds(60));
        assertEquals(0, sent.records());
        assertEquals(5_000, sent.unsentRecords());
        assertTrue(sent.firstError().contains("Connection refused"), sent.firstError());
    }
}
