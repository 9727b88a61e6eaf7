package io.tributary.bench.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a fixed number of records over a few TCP connections as fast as the receiver reads them. Every record
 * carries a sequence number (0 .. records-1) so a sink can count duplicates. Blocks of records are encoded
 * once per connection; only the sequence numbers are patched in place before each write, so the generator costs
 * a few nanoseconds per record and is never what limits a measurement.
 */
abstract class LoadGenerator {
    /** What one run of the generator did. */
    record Sent(long records, long bytes, long nanos, long unsentRecords, int reconnects, String firstError) {
        double recordsPerSecond() { return nanos == 0 ? 0 : records * 1e9 / nanos; }
    }

    /** A block of encoded records and where each record's sequence number sits in it. */
    interface Block {
        byte[] bytes();
        int records();
        /** Writes sequence numbers first, first+1, ... into the block's records. */
        void number(long first);
    }

    private static final int MAX_RECONNECTS = 200;

    abstract String name();

    /** Bytes of one record in the wire format (the record itself, without framing). */
    abstract int recordBytes();

    /** A block of {@code records} records, encoded; called once per connection and block size. */
    abstract Block block(int records);

    int recordsPerBlock() { return 1000; }

    /**
     * Sends records 0 .. {@code records}-1 over {@code connections} connections to {@code target}; returns when
     * every block is written (or given up after a connection failure) or {@code timeout} has passed.
     */
    Sent send(InetSocketAddress target, long records, int connections, Duration timeout) throws InterruptedException {
        return send(target, 0, records, connections, timeout);
    }

    /** Sends records numbered {@code firstSeq} .. {@code firstSeq + records - 1}; as {@link #send(InetSocketAddress, long, int, Duration)}. */
    Sent send(InetSocketAddress target, long firstSeq, long records, int connections, Duration timeout) throws InterruptedException {
        AtomicLong nextSeq = new AtomicLong();
        AtomicLong sentRecords = new AtomicLong();
        AtomicLong sentBytes = new AtomicLong();
        AtomicLong unsent = new AtomicLong();
        long[] reconnects = new long[connections];
        String[] errors = new String[connections];
        long deadline = System.nanoTime() + timeout.toNanos();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int id = c;
            threads.add(Thread.ofPlatform().name("e2e-load-" + c).start(() -> {
                Block full = block(recordsPerBlock());
                SocketChannel ch = null;
                try {
                    while (true) {
                        long first = nextSeq.getAndAdd(full.records());
                        if (first >= records) break;
                        int n = (int) Math.min(full.records(), records - first);
                        Block b = n == full.records() ? full : block(n);
                        b.number(firstSeq + first);
                        if (System.nanoTime() > deadline) {
                            unsent.addAndGet(n);
                            if (errors[id] == null) errors[id] = "timed out after " + timeout.toSeconds() + " s";
                            continue;
                        }
                        try {
                            if (ch == null) ch = connect(target);
                            ByteBuffer buf = ByteBuffer.wrap(b.bytes());
                            while (buf.hasRemaining()) ch.write(buf);
                            sentRecords.addAndGet(n);
                            sentBytes.addAndGet(b.bytes().length);
                        } catch (IOException e) {
                            // The receiver refused or reset us (Fluent Bit does this at its Mem_Buf_Limit): the
                            // block counts as unsent; reconnect a bounded number of times.
                            unsent.addAndGet(n);
                            if (errors[id] == null) errors[id] = e.toString();
                            closeQuietly(ch);
                            ch = null;
                            if (++reconnects[id] > MAX_RECONNECTS) {
                                long rest = records - nextSeq.getAndAdd(records);  // take everything left
                                if (rest > 0) unsent.addAndGet(rest);
                                break;
                            }
                            Thread.sleep(20);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (ch != null) {
                        try { ch.shutdownOutput(); } catch (IOException ignored) { /* closing anyway */ }
                        closeQuietly(ch);
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
        long nanos = System.nanoTime() - t0;
        int totalReconnects = 0;
        for (long r : reconnects) totalReconnects += (int) r;
        String first = null;
        for (String e : errors) if (e != null) { first = e; break; }
        return new Sent(sentRecords.get(), sentBytes.get(), nanos, unsent.get(), totalReconnects, first);
    }

    /** Sends the single record numbered {@code seq} on a connection of its own. */
    void sendOne(InetSocketAddress target, long seq) throws IOException {
        Block b = block(1);
        b.number(seq);
        try (SocketChannel ch = connect(target)) {
            ByteBuffer buf = ByteBuffer.wrap(b.bytes());
            while (buf.hasRemaining()) ch.write(buf);
            ch.shutdownOutput();
        }
    }

    private static SocketChannel connect(InetSocketAddress target) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
        ch.connect(target);
        return ch;
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch == null) return;
        try { ch.close(); } catch (IOException ignored) { /* nothing to do */ }
    }
}
