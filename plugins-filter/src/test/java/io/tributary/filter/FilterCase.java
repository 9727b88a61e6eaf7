package io.tributary.filter;

import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import org.junit.jupiter.api.DynamicTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One row of a filter table: options, input records, expected records (JSON, key order significant). The
 * expectations were taken from Fluent Bit 5.1.1 given the same options and records, stdout json_lines.
 */
public record FilterCase(String name, String[] options, String[] input, String[] expected) {
    public static FilterCase of(String name, String[] options, String[] input, String... expected) {
        return new FilterCase(name, options, input, expected);
    }

    public static String[] opts(String... kv) { return kv; }

    public static String[] in(String... records) { return records; }

    public static Stream<DynamicTest> tests(FilterFactory factory, List<FilterCase> cases) {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            FilterPlugin f = FilterHarness.create(factory, c.options);
            List<String> expected = new ArrayList<>();
            for (String e : c.expected) expected.add(FilterHarness.compact(e));
            assertEquals(expected, FilterHarness.run(f, "app.x", c.input), c.name + " with " + Arrays.toString(c.options));
        }));
    }
}
