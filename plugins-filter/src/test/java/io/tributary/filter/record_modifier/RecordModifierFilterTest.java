package io.tributary.filter.record_modifier;

import io.tributary.filter.FilterCase;
import io.tributary.filter.FilterHarness;
import io.tributary.spi.ConfigException;
import io.tributary.spi.FilterPlugin;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static io.tributary.filter.FilterCase.in;
import static io.tributary.filter.FilterCase.of;
import static io.tributary.filter.FilterCase.opts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordModifierFilterTest {
    static final String R = "{\"log\":\"hello\",\"n\":5,\"Key\":\"v\",\"k\":{\"a\":\"b\"}}";

    @TestFactory
    Stream<DynamicTest> table() {
        return FilterCase.tests(new RecordModifierFactory(), List.of(
                of("record replaces and appends, remove_key removes", opts("Record", "log replaced", "Remove_key", "n", "Remove_key", "zz"),
                        in(R), "{\"Key\":\"v\",\"k\":{\"a\":\"b\"},\"log\":\"replaced\"}"),
                of("allowlist keeps listed keys, records are added after", opts("Allowlist_key", "log", "Whitelist_key", "k", "Record", "new 1"),
                        in(R), "{\"log\":\"hello\",\"k\":{\"a\":\"b\"},\"new\":\"1\"}"),
                of("quoted value with spaces", opts("Record", "log \"a b\""), in("{\"log\":\"hello\",\"kx\":1}"), "{\"kx\":1,\"log\":\"a b\"}"),
                of("unquoted spaces: the Record is skipped", opts("Record", "new a value", "Record", "ok yes"),
                        in("{\"a\":1}"), "{\"a\":1,\"ok\":\"yes\"}")));
    }

    @Test
    void uuidKeyAddsADistinctUuidPerRecord() throws ConfigException {
        FilterPlugin f = FilterHarness.create(new RecordModifierFactory(), "Uuid_key", "uid");
        List<String> out = FilterHarness.run(f, "t", "{\"a\":1}", "{\"a\":2}");
        String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
        assertTrue(out.get(0).matches("\\{\"a\":1,\"uid\":\"" + uuid + "\"}"), out.get(0));
        assertNotEquals(out.get(0).substring(13), out.get(1).substring(13));
        assertEquals(2, out.size());
    }

    @Test
    void removeAndAllowlistAreExclusive() {
        assertThrows(ConfigException.class, () -> FilterHarness.create(new RecordModifierFactory(), "Remove_key", "a", "Allowlist_key", "b"));
    }
}
