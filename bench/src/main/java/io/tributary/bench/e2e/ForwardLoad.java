package io.tributary.bench.e2e;

import io.tributary.record.EventTime;
import io.tributary.record.MsgpackWriter;

/**
 * Fluentd forward protocol load: PackedForward frames {@code [tag, bin(entries), {"size": n}]}, each entry
 * {@code [EventTime, {"seq": uint32, "source", "container_id", "container_name", "log"}]} of
 * {@value #ENTRY_BYTES} bytes, shaped like what ECS FireLens sends. {@code seq} is the first key so that a sink
 * finds it at the start of the JSON an output makes of the record.
 */
final class ForwardLoad extends LoadGenerator {
    static final int ENTRY_BYTES = 300;
    static final String TAG = "bench.app";
    private static final String CONTAINER_ID = "3f1c9a6e2b7d4c0f8e5a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a";
    private static final String LOG_START =
            "10.0.3.17 - - [23/Nov/2026:14:00:00 +0000] \"GET /api/v1/orders/12345?expand=items HTTP/1.1\" 200 1543 \"-\" \"Mozilla/5.0 bench\"";

    private final EventTime time = EventTime.now();
    private final String logLine = fit();

    @Override String name() { return "forward (PackedForward)"; }

    @Override int recordBytes() { return ENTRY_BYTES; }

    @Override
    Block block(int records) {
        MsgpackWriter entries = new MsgpackWriter(records * (ENTRY_BYTES + 8));
        int[] seqOffsets = new int[records];
        for (int i = 0; i < records; i++) {
            seqOffsets[i] = entry(entries, logLine);
        }
        MsgpackWriter frame = new MsgpackWriter(entries.size() + 64);
        frame.arrayHeader(3).string(TAG);
        frame.binary(entries.array(), 0, entries.size());
        frame.mapHeader(1).string("size").integer(records);
        int entriesStart = frame.size() - entries.size() - 1 - "size".length() - 1 - intBytes(records);
        byte[] bytes = frame.toByteArray();
        for (int i = 0; i < records; i++) seqOffsets[i] += entriesStart;
        return new PatchedBlock(bytes, seqOffsets);
    }

    /** Appends one entry; returns the offset of its 4-byte sequence number within {@code w}. */
    private int entry(MsgpackWriter w, String log) {
        w.arrayHeader(2).eventTime(time).mapHeader(5).string("seq");
        w.raw(new byte[] {(byte) 0xce}, 0, 1);            // uint32, always 5 bytes, so it can be patched
        int at = w.size();
        w.raw(new byte[4], 0, 4);
        w.string("source").string("stdout")
                .string("container_id").string(CONTAINER_ID)
                .string("container_name").string("/ecs-bench-app-1")
                .string("log").string(log);
        return at;
    }

    /** The log text that makes an entry exactly {@value #ENTRY_BYTES} bytes. */
    private String fit() {
        MsgpackWriter probe = new MsgpackWriter(512);
        entry(probe, "");
        int room = ENTRY_BYTES - probe.size() - 1;             // -1: the str8 header byte a longer string needs
        StringBuilder sb = new StringBuilder(LOG_START);
        while (sb.length() < room) sb.append(sb.length() % 8 == 0 ? ' ' : 'x');
        sb.setLength(room);
        String s = sb.toString();
        MsgpackWriter check = new MsgpackWriter(512);
        entry(check, s);
        if (check.size() != ENTRY_BYTES) throw new IllegalStateException("entry is " + check.size() + " bytes");
        return s;
    }

    private static int intBytes(int v) {
        MsgpackWriter w = new MsgpackWriter(16);
        w.integer(v);
        return w.size();
    }

    /** Sequence numbers as msgpack uint32, big-endian, at known offsets. */
    private record PatchedBlock(byte[] bytes, int[] seqOffsets) implements Block {
        @Override public int records() { return seqOffsets.length; }

        @Override
        public void number(long first) {
            for (int i = 0; i < seqOffsets.length; i++) {
                long v = first + i;
                int at = seqOffsets[i];
                bytes[at] = (byte) (v >>> 24);
                bytes[at + 1] = (byte) (v >>> 16);
                bytes[at + 2] = (byte) (v >>> 8);
                bytes[at + 3] = (byte) v;
            }
        }
    }
}
