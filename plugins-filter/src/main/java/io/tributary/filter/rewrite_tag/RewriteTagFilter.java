package io.tributary.filter.rewrite_tag;

import io.tributary.record.LogEvent;
import io.tributary.spi.FilterContext;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.PluginLog;
import io.tributary.spi.StoreException;

import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Re-emits records that match a rule under a new tag, through the engine's routing (as Fluent Bit's emitter
 * input), and drops the original unless the rule keeps it. Only the first matching rule applies. If the engine
 * cannot take the re-emitted record, the original stays in the stream whatever KEEP says, so nothing is lost.
 */
final class RewriteTagFilter implements FilterPlugin {
    private final RewriteRule[] rules;
    private volatile FilterContext context;
    private volatile PluginLog log = PluginLog.of("filter:rewrite_tag");

    RewriteTagFilter(List<RewriteRule> rules) { this.rules = rules.toArray(new RewriteRule[0]); }

    @Override public void start(FilterContext context) {
        this.context = context;
        this.log = context.log();
    }

    @Override public void filter(String tag, List<LogEvent> events) {
        FilterContext ctx = context;
        if (ctx == null) throw new IllegalStateException("rewrite_tag used before start");
        for (Iterator<LogEvent> it = events.iterator(); it.hasNext(); ) {
            LogEvent e = it.next();
            for (RewriteRule r : rules) {
                if (!(r.key().get(e.body()) instanceof String value)) continue;
                Matcher m = r.regex().matcher(value);
                if (!m.find()) continue;
                String newTag = r.newTag().render(tag, m, e.body());
                if (newTag.isEmpty()) {
                    log.warn("rule " + r.key() + " " + r.regex() + " gave an empty tag for a record of tag '" + tag + "'; kept as it was");
                    break;
                }
                try {
                    ctx.reEmit(newTag, r.keep() ? e.copy() : e);
                    if (!r.keep()) it.remove();
                } catch (StoreException ex) {
                    log.warn("could not re-emit a record as '" + newTag + "': " + ex.getMessage() + "; kept under '" + tag + "'");
                }
                break;
            }
        }
    }
}
