package io.tributary.filter.grep;

import io.tributary.filter.FilterCase;
import io.tributary.filter.FilterHarness;
import io.tributary.spi.ConfigException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static io.tributary.filter.FilterCase.in;
import static io.tributary.filter.FilterCase.of;
import static io.tributary.filter.FilterCase.opts;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrepFilterTest {
    static final String R = "{\"log\":\"hello\",\"n\":5,\"Key\":\"v\",\"k\":{\"a\":\"b\"}}";
    static final String OTHER = "{\"log\":\"bye\",\"Key\":\"w\"}";

    @TestFactory
    Stream<DynamicTest> table() {
        return FilterCase.tests(new GrepFactory(), List.of(
                of("regex keeps matching, drops others", opts("Regex", "log ^hel"), in(R, OTHER), R),
                of("exclude drops matching", opts("Exclude", "log ^hel"), in(R, OTHER), OTHER),
                of("record accessor into a map", opts("Regex", "$k['a'] ^b"), in(R, OTHER), R),
                of("integer value never matches", opts("Regex", "n 5"), in(R)),
                of("map value never matches", opts("Regex", "k ."), in(R)),
                of("missing key: Regex drops", opts("Regex", "missing .*"), in(R)),
                of("missing key: Exclude keeps", opts("Exclude", "missing .*"), in(R), R),
                of("legacy: every rule must pass", opts("Regex", "log hello", "Exclude", "Key zz"), in(R, OTHER), R),
                of("or: any regex", opts("Regex", "log ^zz", "Regex", "Key v", "Logical_Op", "or"), in(R, OTHER), R),
                of("and: all regexes", opts("Regex", "log ^zz", "Regex", "Key v", "Logical_Op", "and"), in(R)),
                of("exclude or: any match drops", opts("Exclude", "log hello", "Exclude", "Key zz", "Logical_Op", "or"), in(R, OTHER), OTHER),
                of("exclude and: all must match to drop", opts("Exclude", "log hello", "Exclude", "Key zz", "Logical_Op", "and"), in(R), R),
                of("Ruby ^ matches after a newline", opts("Regex", "log ^wor"), in("{\"log\":\"hello\\nworld\"}"), "{\"log\":\"hello\\nworld\"}"),
                of("/regex/i flags", opts("Regex", "log /HELLO/i"), in(R), R),
                of("regex with spaces after the key", opts("Regex", "log  ^hello$"), in(R), R)));
    }

    @Test
    void regexAndExcludeCannotMixWithLogicalOp() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> FilterHarness.create(new GrepFactory(), "Regex", "a b", "Exclude", "c d", "Logical_Op", "or"));
        assertTrue(e.getMessage().contains("cannot be mixed"), e.getMessage());
    }

    @Test
    void badRegexNamesTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> FilterHarness.create(new GrepFactory(), "Regex", "log ("));
        assertTrue(e.getMessage().contains("test.conf:2") && e.getMessage().contains("Regex"), e.getMessage());
    }

    @Test
    void ruleWithoutRegexIsRefused() {
        assertThrows(ConfigException.class, () -> FilterHarness.create(new GrepFactory(), "Regex", "log"));
    }
}
