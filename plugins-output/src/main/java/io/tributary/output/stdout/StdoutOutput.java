package io.tributary.output.stdout;

import io.tributary.record.Chunk;
import io.tributary.record.EventCursor;
import io.tributary.record.JsonWriter;
import io.tributary.record.MsgpackText;
import io.tributary.record.RecordJson;
import io.tributary.record.TimeFormat;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputPlugin;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Writes each flushed chunk to a stream (stdout in production; tests pass their own). */
final class StdoutOutput implements OutputPlugin {
    private final PrintStream out;
    private final String format;
    private final String dateKey;
    private final TimeFormat dateFormat;

    StdoutOutput(OutputStream out, String format, String dateKey, TimeFormat dateFormat) {
        this.out = out instanceof PrintStream p ? p : new PrintStream(out, false, StandardCharsets.UTF_8);
        this.format = format;
        this.dateKey = dateKey;
        this.dateFormat = dateFormat;
    }

    @Override
    public FlushResult flush(Chunk chunk) {
        EventCursor e = chunk.cursor();
        byte[] text;
        if (format.equals("msgpack")) {
            StringBuilder sb = new StringBuilder(chunk.length() * 2);
            int i = 0;
            while (e.next()) {
                sb.append('[').append(i++).append("] ").append(chunk.tag()).append(": ");
                MsgpackText.event(sb, e);
                sb.append('\n');
            }
            text = sb.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            JsonWriter w = new JsonWriter(chunk.length() * 2);
            boolean array = format.equals("json");
            if (array) w.raw((byte) '[');
            boolean first = true;
            while (e.next()) {
                if (array && !first) w.raw((byte) ',');
                first = false;
                RecordJson.write(w, e, dateKey, dateFormat);
                if (!array) w.raw((byte) '\n');
            }
            if (array) w.raw("]\n");
            text = w.toByteArray();
        }
        synchronized (out) {
            out.write(text, 0, text.length);
            out.flush();
        }
        return FlushResult.ok();
    }
}
