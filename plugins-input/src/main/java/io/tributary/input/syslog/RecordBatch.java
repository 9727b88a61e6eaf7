package io.tributary.input.syslog;

import io.netty.buffer.ByteBuf;
import io.tributary.record.MsgpackWriter;
import io.tributary.spi.InputContext;
import io.tributary.spi.StoreException;

import java.time.Clock;
import java.time.Instant;

/**
 * The records of one connection (or one datagram socket) between two appends. Frames are encoded into one
 * reused buffer and handed to the engine in one append per network read, not one per message. Owned by one
 * event-loop thread.
 */
final class RecordBatch {
    /** Append before the buffer grows past this, even in the middle of a long read. */
    private static final int FLUSH_BYTES = 1 << 20;

    private final InputContext context;
    private final EventEncoder encoder;
    private final Clock clock;
    private final Problems problems;
    private final MsgpackWriter out = new MsgpackWriter(64 * 1024);
    private byte[] scratch = new byte[4096];
    private int records;
    private long nowSeconds;
    private int nowNanos;
    private boolean clockSet;

    RecordBatch(InputContext context, EventEncoder encoder, Clock clock, Problems problems) {
        this.context = context;
        this.encoder = encoder;
        this.clock = clock;
        this.problems = problems;
    }

    /** Encodes one frame (not released here). */
    void add(ByteBuf frame, Peer peer) {
        int len = frame.readableBytes();
        byte[] b;
        int off;
        if (frame.hasArray()) {
            b = frame.array();
            off = frame.arrayOffset() + frame.readerIndex();
        } else {
            if (scratch.length < len) scratch = new byte[Math.max(len, scratch.length * 2)];
            frame.getBytes(frame.readerIndex(), scratch, 0, len);
            b = scratch;
            off = 0;
        }
        add(b, off, len, peer);
    }

    void add(byte[] b, int off, int len, Peer peer) {
        // A line end inside the frame's tail belongs to the transport (rsyslog's templates end in \n even with
        // octet counting); Fluent Bit's regexes stop before it too.
        while (len > 0) {
            byte last = b[off + len - 1];
            if (last != '\n' && last != '\r' && last != 0) break;
            len--;
        }
        if (len == 0) return;
        if (!clockSet) {
            // One receive time per read: a read's messages arrived together, and Instant.now() per message costs.
            Instant now = clock.instant();
            nowSeconds = now.getEpochSecond();
            nowNanos = now.getNano();
            clockSet = true;
        }
        if (!encoder.encode(b, off, len, peer, nowSeconds, nowNanos, out)) problems.unmatched(peer);
        records++;
        if (out.size() >= FLUSH_BYTES) flush();
    }

    /** Appends what was collected; the next frame takes a new receive time. */
    void flush() {
        clockSet = false;
        if (records == 0) return;
        int n = records;
        try {
            context.append(context.tag(), out.array(), 0, out.size(), n);
        } catch (StoreException e) {
            problems.storeFailed(n, e);
        } finally {
            out.reset();
            records = 0;
        }
    }

}
