package io.tributary.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Encoded events that share a tag, as one output flush receives them. Read-only: a retry must resend exactly
 * these bytes. {@code data[0..length)} holds {@code recordCount} events, back to back.
 */
public final class Chunk {
    private final long id;
    private final String tag;
    private final String inputName;
    private final byte[] data;
    private final int length;
    private final int recordCount;
    private final long createdMillis;

    public Chunk(long id, String tag, String inputName, byte[] data, int length, int recordCount, long createdMillis) {
        this.id = id;
        this.tag = Objects.requireNonNull(tag, "tag");
        this.inputName = inputName == null ? "" : inputName;
        this.data = Objects.requireNonNull(data, "data");
        if (length < 0 || length > data.length) throw new IllegalArgumentException("length " + length);
        this.length = length;
        this.recordCount = recordCount;
        this.createdMillis = createdMillis;
    }

    /** Unique within one run; stable for a filesystem chunk across restarts. */
    public long id() { return id; }
    public String tag() { return tag; }
    /** The input instance the records came through. */
    public String inputName() { return inputName; }
    /**
     * The backing array; only {@code [0, length())} is data. Never modify it. An output may use it only during its
     * flush of this chunk: once every output is done with a chunk the engine reuses its array for a new one.
     */
    public byte[] data() { return data; }
    public int length() { return length; }
    public int recordCount() { return recordCount; }
    public long createdMillis() { return createdMillis; }

    public EventCursor cursor() { return new EventCursor(data, 0, length); }

    /** Decodes every event; for plugins that want objects rather than bytes. */
    public List<LogEvent> decodeAll() {
        List<LogEvent> out = new ArrayList<>(recordCount);
        EventCursor c = cursor();
        while (c.next()) out.add(c.decode());
        return out;
    }

    public void forEach(Consumer<LogEvent> action) {
        EventCursor c = cursor();
        while (c.next()) action.accept(c.decode());
    }

    /**
     * A chunk of the same id and tag holding only some of these events, e.g. the ones an output must retry.
     * {@code offsets} are event start offsets as {@link EventCursor#eventStart()} gave them, with their ends.
     */
    public Chunk subset(int[] starts, int[] ends, int count) {
        MsgpackWriter w = new MsgpackWriter(Math.max(64, length / Math.max(1, recordCount) * count));
        for (int i = 0; i < count; i++) w.raw(data, starts[i], ends[i] - starts[i]);
        return new Chunk(id, tag, inputName, w.array(), w.size(), count, createdMillis);
    }

    @Override public String toString() {
        return "Chunk[" + id + " tag=" + tag + " records=" + recordCount + " bytes=" + length + "]";
    }
}
