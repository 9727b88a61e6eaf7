package io.tributary.input.syslog;

import io.tributary.spi.InputContext;

/**
 * Counts and logs what went wrong with input, once per burst per kind: every skipped frame is a dropped
 * record with a reason, every malformed byte run or failed handshake an input error. Shared by the
 * connections of one input; thread-safe.
 */
final class Problems {
    private static final long BURST_NANOS = 10_000_000_000L;

    private final InputContext context;
    private final String parserName;
    private final BurstLog oversize;
    private final BurstLog malformed;
    private final BurstLog truncated;
    private final BurstLog unmatched;
    private final BurstLog store;
    private final BurstLog connection;
    private final BurstLog kernel;
    private final long maxFrameBytes;

    Problems(InputContext context, String parserName, long maxFrameBytes) {
        this.context = context;
        this.parserName = parserName;
        this.maxFrameBytes = maxFrameBytes;
        this.oversize = new BurstLog(context.log(), BURST_NANOS);
        this.malformed = new BurstLog(context.log(), BURST_NANOS);
        this.truncated = new BurstLog(context.log(), BURST_NANOS);
        this.unmatched = new BurstLog(context.log(), BURST_NANOS);
        this.store = new BurstLog(context.log(), BURST_NANOS);
        this.connection = new BurstLog(context.log(), BURST_NANOS);
        this.kernel = new BurstLog(context.log(), BURST_NANOS);
    }

    void oversize(Peer peer, long bytes) {
        context.countDropped("oversize", 1);
        oversize.warn(peer.display() + ": message of " + bytes + " bytes exceeds buffer_max_size " + maxFrameBytes
                + "; skipped it, the connection goes on");
    }

    void malformed(Peer peer, String what) {
        context.countError();
        malformed.warn(peer.display() + ": " + what + "; skipped to the next newline");
    }

    void truncated(Peer peer, long bytes) {
        context.countError();
        context.countDropped("truncated", 1);
        truncated.warn(peer.display() + ": connection closed in the middle of a message (" + bytes
                + " bytes of it received)");
    }

    void unmatched(Peer peer) {
        context.countError();
        unmatched.warn(peer.display() + ": message does not match parser '" + parserName
                + "'; kept its text under 'message'");
    }

    void storeFailed(int records, Exception e) {
        context.countDropped("store_error", records);
        store.warn("could not store " + records + " records: " + e.getMessage());
    }

    void kernelDrops(long datagrams) {
        context.countDropped("udp_receive_buffer", datagrams);
        kernel.warn("the kernel dropped " + datagrams + " datagrams because the socket's receive buffer was full; "
                + "raise receive_buffer_size (and net.core.rmem_max)");
    }

    void connectionFailed(Peer peer, String why) {
        context.countError();
        connection.warn(peer.display() + ": " + why);
    }
}
