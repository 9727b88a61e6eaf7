package io.tributary.input.syslog;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad senders over real sockets: the good frames before and after are kept, problems are counted, others go on. */
class SyslogRobustnessIT {
    static byte[] octet(String m) {
        byte[] b = m.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + String.valueOf(b.length).length() + 1];
        byte[] prefix = (b.length + " ").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(b, 0, out, prefix.length, b.length);
        return out;
    }

    static List<Object> messages(SyslogServerFixture s) {
        return s.context.events().stream().map(e -> e.body().get("message")).toList();
    }

    @Test
    void garbageOversizeAndHangUpMidFrameCostOnlyThemselves() throws Exception {
        try (var server = new SyslogServerFixture(Map.of("mode", "tcp", "format", "octet_counting", "buffer_max_size", "1k"))) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                out.write(octet("<13>1 - h a - - - before"));
                out.write(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0x01, '\n'});   // binary noise
                out.write(octet("<13>1 - h a - - - after noise"));
                out.write(octet("<13>1 - h a - - - " + "x".repeat(5000)));                            // oversize
                out.write(octet("<13>1 - h a - - - after oversize"));
                byte[] cut = octet("<13>1 - h a - - - never finished");
                out.write(cut, 0, cut.length - 4);                                                    // hang up mid-frame
                out.flush();
            }
            server.awaitRecords(3);
            RecordingInputContextWait.until(server, () -> server.context.dropped("truncated") == 1);
            assertEquals(List.of("before", "after noise", "after oversize"), messages(server));
            assertEquals(1, server.context.dropped("oversize"));
            assertEquals(2, server.context.errors(), "the noise and the hang-up");
            // The listener goes on serving new connections.
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write(octet("<13>1 - h a - - - next client"));
            }
            server.awaitRecords(4);
            assertEquals("next client", messages(server).get(3));
        }
    }

    @Test
    void udpOversizeIsCountedAndPausedDatagramsWaitInTheSocket() throws Exception {
        try (var server = new SyslogServerFixture(Map.of("mode", "udp", "buffer_max_size", "1k"));
             DatagramSocket client = new DatagramSocket()) {
            InetAddress lo = InetAddress.getByName("127.0.0.1");
            byte[] good = "<13>1 - h a - - - fits\n".getBytes(StandardCharsets.US_ASCII);
            byte[] big = ("<13>1 - h a - - - " + "y".repeat(4000)).getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(good, good.length, lo, server.port()));
            client.send(new DatagramPacket(big, big.length, lo, server.port()));
            server.awaitRecords(1);
            RecordingInputContextWait.until(server, () -> server.context.dropped("oversize") == 1);
            server.input.pause();
            // pause() takes effect on the socket's event loop right after; a read already under way may finish.
            Thread.sleep(100);
            int before = server.context.count();
            byte[] waiting = "<13>1 - h a - - - sent while paused".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10; i++) client.send(new DatagramPacket(waiting, waiting.length, lo, server.port()));
            Thread.sleep(300);   // asserting an absence: give a wrongly running reader the time to show itself
            // Epoll may still finish a read it had started; the rest stays in the socket until resume.
            assertTrue(server.context.count() < before + 10, "reading stopped while paused: " + server.context.count());
            server.input.resume();
            server.awaitRecords(11);
            assertEquals(0, server.context.dropped("udp_receive_buffer"), "the socket buffer held them");
        }
    }

    @Test
    void pausedLongerThanTheSocketBufferHoldsEveryDatagramIsReceivedOrCounted() throws Exception {
        try (var server = new SyslogServerFixture(Map.of("mode", "udp", "receive_buffer_size", "4k"));
             DatagramSocket client = new DatagramSocket()) {
            InetAddress lo = InetAddress.getByName("127.0.0.1");
            byte[] m = ("<13>1 - h a - - - " + "p".repeat(900)).getBytes(StandardCharsets.US_ASCII);
            server.input.pause();
            int sent = 300;
            for (int i = 0; i < sent; i++) client.send(new DatagramPacket(m, m.length, lo, server.port()));
            server.input.resume();
            RecordingInputContextWait.until(server, () -> server.context.dropped("udp_receive_buffer") > 0
                    && server.context.count() + server.context.dropped("udp_receive_buffer") == sent);
        }
    }

    @Test
    void datagramsTheKernelDropsWhileWeAreStuckAreCounted() throws Exception {
        try (var server = new SyslogServerFixture(Map.of("mode", "udp", "receive_buffer_size", "4k"));
             DatagramSocket client = new DatagramSocket()) {
            InetAddress lo = InetAddress.getByName("127.0.0.1");
            byte[] m = ("<13>1 - h a - - - " + "z".repeat(900)).getBytes(StandardCharsets.US_ASCII);
            server.context.blockAppends();   // the next append holds the event loop, so the socket fills
            client.send(new DatagramPacket(m, m.length, lo, server.port()));
            Thread.sleep(200);
            int sent = 301;
            for (int i = 1; i < sent; i++) client.send(new DatagramPacket(m, m.length, lo, server.port()));
            server.context.unblockAppends();
            RecordingInputContextWait.until(server, () -> server.context.dropped("udp_receive_buffer") > 0
                    && server.context.count() + server.context.dropped("udp_receive_buffer") == sent);
            assertEquals(sent, server.context.count() + server.context.dropped("udp_receive_buffer"), "every datagram received or counted");
        }
    }

    /** Short alias for waiting on the fixture's context. */
    static final class RecordingInputContextWait {
        static void until(SyslogServerFixture s, java.util.function.BooleanSupplier done) {
            io.tributary.input.support.RecordingInputContext.await(10_000, "counters (errors " + s.context.errors() + ")", done);
        }
    }
}
