package io.tributary.filter.modify;

import io.tributary.record.LogEvent;
import io.tributary.spi.FilterPlugin;

import java.util.List;

/** Applies the rules, in the order written, to records that pass every condition. Stateless. */
final class ModifyFilter implements FilterPlugin {
    private final ModifyCondition[] conditions;
    private final ModifyRule[] rules;

    ModifyFilter(List<ModifyCondition> conditions, List<ModifyRule> rules) {
        this.conditions = conditions.toArray(new ModifyCondition[0]);
        this.rules = rules.toArray(new ModifyRule[0]);
    }

    @Override public void filter(String tag, List<LogEvent> events) {
        for (int i = 0, n = events.size(); i < n; i++) apply(events.get(i));
    }

    void apply(LogEvent event) {
        for (ModifyCondition c : conditions) if (!c.test(event.body())) return;
        for (ModifyRule r : rules) r.apply(event);
    }
}
