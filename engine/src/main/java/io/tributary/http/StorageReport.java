package io.tributary.http;

import io.tributary.engine.EngineView;
import io.tributary.engine.InputInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/storage}: chunks per input in Fluent Bit's shape ({@code storage_layer.chunks},
 * {@code input_chunks.<name>.status|chunks}, sizes as Fluent Bit's "140b" / "1.5M" strings). Buffers are in
 * memory, so every chunk is "up" and none is on the filesystem.
 */
final class StorageReport {
    private StorageReport() {}

    static HttpReply reply(ServerContext ctx) {
        EngineView view = ctx.engine().view();
        List<InputInstance> inputs = new ArrayList<>(view.inputs());
        inputs.addAll(view.emitters());
        long total = 0;
        for (InputInstance i : inputs) total += chunks(i);
        long totalChunks = total;
        return HttpReply.json(Json.bytes(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("storage_layer");
            g.writeObjectFieldStart("chunks");
            g.writeNumberField("total_chunks", totalChunks);
            g.writeNumberField("mem_chunks", totalChunks);
            g.writeNumberField("fs_chunks", 0);
            g.writeNumberField("fs_chunks_up", 0);
            g.writeNumberField("fs_chunks_down", 0);
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("input_chunks");
            for (InputInstance i : inputs) {
                g.writeObjectFieldStart(i.name());
                g.writeObjectFieldStart("status");
                g.writeBooleanField("overlimit", i.memBufLimit() > 0 && i.bufferedBytes() >= i.memBufLimit());
                g.writeStringField("mem_size", humanSize(i.bufferedBytes()));
                g.writeStringField("mem_limit", humanSize(i.memBufLimit()));
                g.writeEndObject();
                g.writeObjectFieldStart("chunks");
                g.writeNumberField("total", chunks(i));
                g.writeNumberField("up", chunks(i));
                g.writeNumberField("down", 0);
                g.writeNumberField("busy", i.busyChunks());
                g.writeStringField("busy_size", humanSize(i.busyBytes()));
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
