package io.tributary.http;

import io.tributary.engine.EngineView;
import io.tributary.engine.InputInstance;
import io.tributary.engine.StorageState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/storage}: chunks per input in Fluent Bit's shape ({@code storage_layer.chunks},
 * {@code input_chunks.<name>.status|chunks}, sizes as Fluent Bit's "140b" / "1.5M" strings), from each input's
 * {@link InputInstance#storageState()}: memory chunks are always up; filesystem chunks are up (records in memory)
 * or down (on disk only, read back when flushed).
 */
final class StorageReport {
    private StorageReport() {}

    static HttpReply reply(ServerContext ctx) {
        EngineView view = ctx.engine().view();
        List<InputInstance> inputs = new ArrayList<>(view.inputs());
        inputs.addAll(view.emitters());
        List<StorageState> states = new ArrayList<>();
        for (InputInstance i : inputs) states.add(i.storageState());
        long mem = 0;
        long fsUp = 0;
        long fsDown = 0;
        for (StorageState st : states) {
            if (st.type().equals("filesystem")) {
                fsUp += st.chunksUp();
                fsDown += st.chunksDown();
            } else {
                mem += st.chunksTotal();
            }
        }
        long memChunks = mem;
        long fsChunksUp = fsUp;
        long fsChunksDown = fsDown;
        return HttpReply.json(Json.bytes(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("storage_layer");
            g.writeObjectFieldStart("chunks");
            g.writeNumberField("total_chunks", memChunks + fsChunksUp + fsChunksDown);
            g.writeNumberField("mem_chunks", memChunks);
            g.writeNumberField("fs_chunks", fsChunksUp + fsChunksDown);
            g.writeNumberField("fs_chunks_up", fsChunksUp);
            g.writeNumberField("fs_chunks_down", fsChunksDown);
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("input_chunks");
            for (int n = 0; n < inputs.size(); n++) {
                StorageState st = states.get(n);
                g.writeObjectFieldStart(inputs.get(n).name());
                g.writeObjectFieldStart("status");
                g.writeBooleanField("overlimit", st.overLimit());
                g.writeStringField("mem_size", humanSize(st.memBytes()));
                g.writeStringField("mem_limit", humanSize(st.memLimit()));
                g.writeEndObject();
                g.writeObjectFieldStart("chunks");
                g.writeNumberField("total", st.chunksTotal());
                g.writeNumberField("up", st.chunksUp());
                g.writeNumberField("down", st.chunksDown());
                g.writeNumberField("busy", st.chunksBusy());
                g.writeStringField("busy_size", humanSize(st.busyBytes()));
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }));
    }

    static int chunks(InputInstance i) { return i.openChunks() + i.busyChunks(); }

    /** Fluent Bit's size format: whole bytes with "b" below 1 KiB, else one decimal and K, M, G, ... */
    static String humanSize(long bytes) {
        String[] units = {"b", "K", "M", "G", "T", "P", "E"};
        long b = Math.max(0, bytes);
        int i = 0;
        long unit = 1024;
        while (i < units.length - 1 && b / unit != 0) {
            i++;
            if (unit > Long.MAX_VALUE / 1024) break;
            unit *= 1024;
        }
        if (i == 0) return b + units[0];
        return String.format(Locale.ROOT, "%.1f%s", (double) b / (unit / 1024), units[i]);
    }
}
