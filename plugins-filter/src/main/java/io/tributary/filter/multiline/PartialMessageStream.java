package io.tributary.filter.multiline;

import io.tributary.record.LogEvent;
import io.tributary.spi.MultilineStream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code mode partial_message}: Docker (and so FireLens) splits lines over 16 KiB into records marked
 * {@code partial_message}, {@code partial_id}, {@code partial_ordinal} and {@code partial_last}. Pieces with the
 * same id are joined in arrival order until the last one; the joined record is the first piece with the whole
 * text and without the partial_* keys. Records without the marks pass unchanged.
 */
final class PartialMessageStream implements MultilineStream {
    static final String PARTIAL_MESSAGE = "partial_message";
    static final String PARTIAL_ID = "partial_id";
    static final String PARTIAL_ORDINAL = "partial_ordinal";
    static final String PARTIAL_LAST = "partial_last";

    private static final class Pending {
        final LogEvent first;
        final String key;
        final StringBuilder text;

        Pending(LogEvent first, String key, String text) {
            this.first = first;
            this.key = key;
            this.text = new StringBuilder(text);
        }
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private long lastAppend;

    @Override public boolean offer(LogEvent event, String contentKey, Consumer<LogEvent> out) {
        Map<String, Object> body = event.body();
        if (!isTrue(body.get(PARTIAL_MESSAGE)) || !(body.get(contentKey) instanceof String piece)) {
            out.accept(event);
            return true;
        }
        String id = String.valueOf(body.get(PARTIAL_ID));
        boolean last = isTrue(body.get(PARTIAL_LAST));
        Pending p = pending.get(id);
        if (p == null) {
            p = new Pending(event, contentKey, piece);
            pending.put(id, p);
        } else {
            p.text.append(piece);
        }
        lastAppend = System.nanoTime();
        if (last) {
            pending.remove(id);
            emit(p, out);
        }
        return true;
    }

    private static boolean isTrue(Object v) {
        return Boolean.TRUE.equals(v) || (v instanceof String s && s.equalsIgnoreCase("true"));
    }

    private static void emit(Pending p, Consumer<LogEvent> out) {
        Map<String, Object> body = p.first.body();
        body.put(p.key, p.text.toString());
        body.remove(PARTIAL_MESSAGE);
        body.remove(PARTIAL_ID);
        body.remove(PARTIAL_ORDINAL);
        body.remove(PARTIAL_LAST);
        out.accept(p.first);
    }

    @Override public void flush(Consumer<LogEvent> out) {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) emit(p, out);
    }

    @Override public boolean hasPending() { return !pending.isEmpty(); }
    @Override public long lastAppendNanos() { return lastAppend; }
}
