package io.tributary.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For a tag, the filters and outputs whose match rules take it, in config order. Tags repeat endlessly, so the
 * answer is cached; the cache is bounded so a flood of unique tags cannot grow memory without limit.
 */
public final class Routes<F, O> {
    /** One tag's route: filters to run in order, outputs to deliver to. */
    public record Route<F, O>(List<F> filters, List<O> outputs) {
        public boolean hasOutputs() { return !outputs.isEmpty(); }
    }

    public record Matched<T>(T target, TagMatcher matcher) {}

    private static final int MAX_CACHED_TAGS = 16_384;

    private final List<Matched<F>> filters;
    private final List<Matched<O>> outputs;
    private final Map<String, Route<F, O>> cache = new ConcurrentHashMap<>();

    public Routes(List<Matched<F>> filters, List<Matched<O>> outputs) {
        this.filters = List.copyOf(filters);
        this.outputs = List.copyOf(outputs);
    }

    public Route<F, O> route(String tag) {
        Route<F, O> r = cache.get(tag);
        if (r != null) return r;
        r = compute(tag);
        if (cache.size() < MAX_CACHED_TAGS) cache.put(tag, r);
        return r;
    }

    private Route<F, O> compute(String tag) {
        List<F> fs = new ArrayList<>();
        for (Matched<F> m : filters) if (m.matcher().matches(tag)) fs.add(m.target());
        List<O> os = new ArrayList<>();
        for (Matched<O> m : outputs) if (m.matcher().matches(tag)) os.add(m.target());
        return new Route<>(List.copyOf(fs), List.copyOf(os));
    }
}
