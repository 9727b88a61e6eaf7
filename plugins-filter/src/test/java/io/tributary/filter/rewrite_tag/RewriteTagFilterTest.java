package io.tributary.filter.rewrite_tag;

import io.tributary.filter.FilterHarness;
import io.tributary.filter.TestFilterContext;
import io.tributary.parser.ParserRegistry;
import io.tributary.record.LogEvent;
import io.tributary.spi.ConfigException;
import io.tributary.spi.FilterPlugin;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RewriteTagFilterTest {
    static final String RULES = "$log ^(ERROR|WARN)\\s(\\w+) new.$TAG[1].$1.$2.$k['ns'].$missing.end true";

    private static List<LogEvent> run(TestFilterContext ctx, String tag, FilterPlugin f, String... records) throws Exception {
        f.start(ctx);
        List<LogEvent> list = FilterHarness.events(records);
        f.filter(tag, list);
        return list;
    }

    @Test
    void firstMatchingRuleReEmitsWithTheTemplateFilledAndKeepsTheOriginal() throws Exception {
        try (TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = FilterHarness.create(new RewriteTagFactory(), "Rule", RULES, "Rule", "$log ^ERROR second false");
            List<LogEvent> kept = run(ctx, "app.web.x", f, "{\"log\":\"ERROR boom\",\"k\":{\"ns\":\"prod\"},\"n\":3}");
            assertEquals(1, kept.size(), "keep true leaves the original in the stream");
            assertEquals(1, ctx.emitted.size(), "only the first matching rule applies");
            assertEquals("new.web.ERROR.boom.prod..end", ctx.emitted.get(0).tag());
            assertEquals("{\"log\":\"ERROR boom\",\"k\":{\"ns\":\"prod\"},\"n\":3}", FilterHarness.json(ctx.emitted.get(0).event().body()));
        }
    }

    @Test
    void keepFalseMovesTheRecordAndNonMatchingRecordsStay() throws Exception {
        try (TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = FilterHarness.create(new RewriteTagFactory(), "Rule", "$log ^INFO second.$TAG false");
            List<LogEvent> out = run(ctx, "app.web.x", f, "{\"log\":\"INFO boom\"}", "{\"log\":\"ERROR x\"}", "{\"n\":3}");
            assertEquals(List.of("{\"log\":\"ERROR x\"}", "{\"n\":3}"), out.stream().map(e -> FilterHarness.json(e.body())).toList());
            assertEquals("second.app.web.x", ctx.emitted.get(0).tag());
        }
    }

    @Test
    void integerValuesDoNotMatch() throws Exception {
        try (TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = FilterHarness.create(new RewriteTagFactory(), "Rule", "$n ^3$ num.$TAG false");
            assertEquals(1, run(ctx, "app", f, "{\"n\":3}").size());
            assertTrue(ctx.emitted.isEmpty());
        }
    }

    @Test
    void aRefusedReEmitKeepsTheRecordWhateverKeepSays() throws Exception {
        try (TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            ctx.refuse = true;
            FilterPlugin f = FilterHarness.create(new RewriteTagFactory(), "Rule", "$log . moved false");
            List<LogEvent> out = run(ctx, "app", f, "{\"log\":\"x\"}");
            assertEquals(1, out.size(), "nothing is lost when the engine refuses the new record");
        }
    }

    @Test
    void malformedRulesAreConfigErrors() {
        assertThrows(ConfigException.class, () -> FilterHarness.create(new RewriteTagFactory(), "Rule", "$log ^a new"));
        assertThrows(ConfigException.class, () -> FilterHarness.create(new RewriteTagFactory(), "Rule", "log ^a new true"));
        assertThrows(ConfigException.class, () -> FilterHarness.create(new RewriteTagFactory(), "Rule", "$log ^a new maybe"));
        assertThrows(ConfigException.class, () -> FilterHarness.create(new RewriteTagFactory()));
    }

    @Test
    void aRecordCanBeReEmittedByTwoFiltersWithoutSharingState() throws Exception {
        try (TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = FilterHarness.create(new RewriteTagFactory(), "Rule", "$log . copy true");
            List<LogEvent> out = run(ctx, "app", f, "{\"log\":\"x\",\"m\":{\"a\":1}}");
            out.get(0).body().put("changed", true);
            assertEquals("{\"log\":\"x\",\"m\":{\"a\":1}}", FilterHarness.json(ctx.emitted.get(0).event().body()),
                    "a kept original and its re-emitted copy are independent");
        }
    }
}
