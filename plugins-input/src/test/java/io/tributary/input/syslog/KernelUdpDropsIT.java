package io.tributary.input.syslog;

import io.tributary.input.support.RecordingInputContext;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel's per-socket UDP drop counter, read from /proc as the syslog input reads it. */
class KernelUdpDropsIT {
    @Test
    void countsWhatTheKernelDroppedForAFullSocket() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(null); DatagramSocket sender = new DatagramSocket()) {
            receiver.setReceiveBufferSize(2048);   // the kernel's minimum: a few datagrams fill it
            receiver.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            KernelUdpDrops drops = new KernelUdpDrops(receiver.getLocalPort());
            assertTrue(drops.available(), "/proc/net/udp is readable on Linux");
            assertEquals(0, drops.total());
            byte[] b = new byte[1000];
            for (int i = 0; i < 200; i++) sender.send(new DatagramPacket(b, b.length, receiver.getLocalSocketAddress()));
            RecordingInputContext.await(5_000, "drops to show", () -> drops.total() > 0);
            assertTrue(drops.total() <= 200);
        }
    }

    @Test
    void readsTheDropsColumnOfOurPortOnly() {
        KernelUdpDrops drops = new KernelUdpDrops(5140);
        String ours = "  123: 0100007F:1414 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 98765 2 0000000000000000 42";
        String other = "  124: 0100007F:1415 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 98766 2 0000000000000000 7";
        String v6 = "  125: 00000000000000000000000001000000:1414 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  0 0 5 2 0000000000000000 3";
        assertEquals(42, drops.dropsOf(ours));
        assertEquals(0, drops.dropsOf(other));
        assertEquals(3, drops.dropsOf(v6));
    }
}
