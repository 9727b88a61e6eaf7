package io.tributary.filter.nest;

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

class NestFilterTest {
    static final String R = "{\"log\":\"hello\",\"n\":5,\"Key\":\"v\",\"k\":{\"a\":\"b\",\"c\":{\"d\":1}},\"kx\":1,\"ky\":\"2\"}";

    @TestFactory
    Stream<DynamicTest> table() {
        return FilterCase.tests(new NestFactory(), List.of(
                of("nest by prefix and exact key, with a prefix added", opts("Operation", "nest", "Wildcard", "k*", "Wildcard", "n",
                                "Nest_under", "grp", "Add_prefix", "p_"), in(R),
                        "{\"log\":\"hello\",\"Key\":\"v\",\"grp\":{\"p_n\":5,\"p_k\":{\"a\":\"b\",\"c\":{\"d\":1}},\"p_kx\":1,\"p_ky\":\"2\"}}"),
                of("nest with no matching key changes nothing", opts("Operation", "nest", "Wildcard", "zz*", "Nest_under", "grp"), in(R), R),
                of("nest under an existing key replaces it", opts("Operation", "nest", "Wildcard", "kx", "Nest_under", "log"),
                        in("{\"log\":\"hello\",\"kx\":1,\"z\":0}"), "{\"z\":0,\"log\":{\"kx\":1}}"),
                of("only a trailing * is a wildcard", opts("Operation", "nest", "Wildcard", "a*c", "Nest_under", "g"),
                        in("{\"abc\":1,\"axc\":2}"), "{\"abc\":1,\"axc\":2}"),
                of("lift with a prefix", opts("Operation", "lift", "Nested_under", "k", "Add_prefix", "k_"), in(R),
                        "{\"log\":\"hello\",\"n\":5,\"Key\":\"v\",\"kx\":1,\"ky\":\"2\",\"k_a\":\"b\",\"k_c\":{\"d\":1}}"),
                of("lifted keys replace top-level ones", opts("Operation", "lift", "Nested_under", "k"),
                        in("{\"a\":\"top\",\"k\":{\"a\":\"in\",\"b\":2},\"z\":1}"), "{\"z\":1,\"a\":\"in\",\"b\":2}"),
                of("lift removing a prefix", opts("Operation", "lift", "Nested_under", "k", "Remove_prefix", "p_"),
                        in("{\"k\":{\"p_a\":\"in\",\"b\":2},\"z\":1}"), "{\"z\":1,\"a\":\"in\",\"b\":2}"),
                of("lift of a non-map leaves the record", opts("Operation", "lift", "Nested_under", "k"),
                        in("{\"k\":\"str\",\"z\":1}"), "{\"k\":\"str\",\"z\":1}"),
                of("lift of a missing key leaves the record", opts("Operation", "lift", "Nested_under", "zz"),
                        in("{\"z\":1}"), "{\"z\":1}")));
    }

    @Test
    void operationsNeedTheirKeys() {
        assertThrows(ConfigException.class, () -> FilterHarness.create(new NestFactory(), "Operation", "nest", "Wildcard", "a"));
        assertThrows(ConfigException.class, () -> FilterHarness.create(new NestFactory(), "Operation", "lift"));
        assertThrows(ConfigException.class, () -> FilterHarness.create(new NestFactory(), "Operation", "flatten", "Nested_under", "a"));
    }
}
