package io.tributary.filter.grep;

import io.tributary.record.LogEvent;
import io.tributary.spi.FilterPlugin;

import java.util.List;

/** Keeps or drops whole records by regexes on their values. Stateless, so safe from several inputs at once. */
final class GrepFilter implements FilterPlugin {
    enum LogicalOp { LEGACY, AND, OR }

    private final GrepRule[] rules;
    private final LogicalOp op;

    GrepFilter(List<GrepRule> rules, LogicalOp op) {
        this.rules = rules.toArray(new GrepRule[0]);
        this.op = op;
    }

    @Override public void filter(String tag, List<LogEvent> events) {
        events.removeIf(e -> !keep(e));
    }

    boolean keep(LogEvent event) {
        var body = event.body();
        switch (op) {
            case LEGACY -> {
                // Every rule must pass: a Regex that does not match, or an Exclude that does, drops the record.
                for (GrepRule r : rules) if (r.matches(body) == r.exclude()) return false;
                return true;
            }
            case AND -> {
                for (GrepRule r : rules) if (!r.matches(body)) return rules[0].exclude();
                return !rules[0].exclude();
            }
            default -> {
                for (GrepRule r : rules) if (r.matches(body)) return !rules[0].exclude();
                return rules[0].exclude();
            }
        }
    }
}
