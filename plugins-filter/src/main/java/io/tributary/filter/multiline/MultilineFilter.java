package io.tributary.filter.multiline;

import io.tributary.record.LogEvent;
import io.tributary.spi.FilterContext;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.MultilineStream;
import io.tributary.spi.PluginLog;
import io.tributary.spi.StoreException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Joins records whose text continues over several records, per tag. A message completed by a record in the
 * same call is put back in the call's list, in order; a message still open when the call ends waits (buffer
 * on) and is re-emitted under its tag when {@code flush_ms} passes without a new line. With buffer off,
 * whatever is open at the end of a call is emitted in it. Nothing is lost: a message the engine refuses on
 * re-emit is retried on the next tick.
 */
final class MultilineFilter implements FilterPlugin {
    /** One parser as this filter uses it: how to make a stream and which key holds its text. */
    record Mode(Supplier<MultilineStream> streams, String contentKey) {}

    private final List<Mode> modes;
    private final boolean buffer;
    private final Duration flush;
    private final Map<String, TagState> tags = new ConcurrentHashMap<>();
    private volatile FilterContext context;
    private volatile PluginLog log = PluginLog.of("filter:multiline");
    private volatile ScheduledFuture<?> ticker;

    MultilineFilter(List<Mode> modes, boolean buffer, Duration flush) {
        this.modes = List.copyOf(modes);
        this.buffer = buffer;
        this.flush = flush;
    }

    private final class TagState {
        final MultilineStream[] streams = new MultilineStream[modes.size()];
        /** Messages the engine refused on re-emit; sent first next time. */
        final List<LogEvent> unsent = new ArrayList<>();

        TagState() {
            for (int i = 0; i < streams.length; i++) streams[i] = modes.get(i).streams().get();
        }
    }

    @Override public void start(FilterContext context) {
        this.context = context;
        this.log = context.log();
        if (buffer) {
            long period = Math.max(20, flush.toMillis() / 4);
            ticker = context.timer().scheduleAtFixedRate(this::flushIdle, period, period, TimeUnit.MILLISECONDS);
        }
    }

    @Override public void filter(String tag, List<LogEvent> events) {
        TagState st = tags.computeIfAbsent(tag, t -> new TagState());
        List<LogEvent> out = new ArrayList<>(events.size());
        synchronized (st) {
            if (!st.unsent.isEmpty()) {
                out.addAll(st.unsent);
                st.unsent.clear();
            }
            for (LogEvent e : events) {
                boolean taken = false;
                for (int i = 0; i < st.streams.length && !taken; i++) {
                    taken = st.streams[i].offer(e, modes.get(i).contentKey(), out::add);
                }
                if (!taken) out.add(e);
            }
            if (!buffer) for (MultilineStream s : st.streams) s.flush(out::add);
        }
        events.clear();
        events.addAll(out);
    }

    /** Emits messages that waited longer than flush_ms for another line. */
    void flushIdle() {
        long now = System.nanoTime();
        long limit = flush.toNanos();
        for (Map.Entry<String, TagState> entry : tags.entrySet()) {
            TagState st = entry.getValue();
            List<LogEvent> due = new ArrayList<>();
            synchronized (st) {
                due.addAll(st.unsent);
                st.unsent.clear();
                for (MultilineStream s : st.streams) {
                    if (s.hasPending() && now - s.lastAppendNanos() >= limit) s.flush(due::add);
                }
            }
            reEmit(entry.getKey(), st, due);
        }
    }

    private void reEmit(String tag, TagState st, List<LogEvent> due) {
        FilterContext ctx = context;
        for (int i = 0; i < due.size(); i++) {
            try {
                ctx.reEmit(tag, due.get(i));
            } catch (StoreException e) {
                synchronized (st) { st.unsent.addAll(due.subList(i, due.size())); }
                log.warn("could not re-emit " + (due.size() - i) + " joined record(s) of tag '" + tag + "': " + e.getMessage() + "; will retry");
                return;
            }
        }
    }

    @Override public void stop() {
        ScheduledFuture<?> t = ticker;
        if (t != null) t.cancel(false);
        if (context == null) return;
        int lost = 0;
        for (Map.Entry<String, TagState> entry : tags.entrySet()) {
            TagState st = entry.getValue();
            List<LogEvent> due = new ArrayList<>();
            synchronized (st) {
                due.addAll(st.unsent);
                st.unsent.clear();
                for (MultilineStream s : st.streams) s.flush(due::add);
            }
            for (LogEvent e : due) {
                try {
                    context.reEmit(entry.getKey(), e);
                } catch (StoreException ex) {
                    lost++;
                }
            }
        }
        if (lost > 0) log.error("dropped " + lost + " pending multiline record(s) at shutdown: the engine no longer accepts records");
    }
}
