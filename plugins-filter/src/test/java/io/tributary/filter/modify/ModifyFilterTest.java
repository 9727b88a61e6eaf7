package io.tributary.filter.modify;

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

class ModifyFilterTest {
    static final String R = "{\"log\":\"hello\",\"n\":5,\"Key\":\"v\",\"k\":{\"a\":\"b\"},\"kx\":1,\"ky\":\"2\"}";

    @TestFactory
    Stream<DynamicTest> rules() {
        return FilterCase.tests(new ModifyFactory(), List.of(
                of("rules run in file order with Fluent Bit's key placement",
                        opts("Set", "n 7", "Add", "log nope", "Add", "newk newv", "Rename", "Key log", "Rename", "kx renamed",
                                "Copy", "ky log", "Copy", "ky ky2", "Remove_wildcard", "k", "Set", "key lower"),
                        in(R), "{\"log\":\"hello\",\"Key\":\"v\",\"renamed\":1,\"n\":\"7\",\"newk\":\"newv\",\"key\":\"lower\"}"),
                of("hard rename, hard copy, remove regex",
                        opts("Hard_rename", "Key log", "Hard_copy", "n kx", "Remove_regex", "^k.$", "Move_to_start", "ky"),
                        in(R), "{\"n\":5,\"log\":\"v\",\"k\":{\"a\":\"b\"}}"),
                of("copy puts the new key first",
                        opts("Set", "a v", "Copy", "log c", "Hard_copy", "log d", "Add", "e 1", "Hard_rename", "z log"),
                        in("{\"log\":\"x\",\"z\":1}"), "{\"d\":\"x\",\"c\":\"x\",\"log\":1,\"a\":\"v\",\"e\":\"1\"}"),
                of("move to end and start, exact keys only",
                        opts("Move_to_end", "log", "Move_to_start", "ky", "Move_to_end", "k*"),
                        in(R), "{\"ky\":\"2\",\"n\":5,\"Key\":\"v\",\"k\":{\"a\":\"b\"},\"kx\":1,\"log\":\"hello\"}"),
                of("Remove_wildcard takes '*' literally", opts("Remove_wildcard", "k*"), in(R), R),
                of("quoted values and keys", opts("Set", "\"my key\" v", "Copy", "log \"log copy\"", "Add", "s3 'single q'"),
                        in("{\"log\":\"x\"}"), "{\"log copy\":\"x\",\"log\":\"x\",\"my key\":\"v\",\"s3\":\"single q\"}"),
                of("a Set with an unquoted space is ignored", opts("Set", "s1 hello world", "Set", "s2 ok"),
                        in("{\"a\":1}"), "{\"a\":1,\"s2\":\"ok\"}"),
                of("missing source keys change nothing", opts("Rename", "zz a", "Copy", "zz b", "Remove", "zz"),
                        in("{\"a\":1}"), "{\"a\":1}")));
    }

    @TestFactory
    Stream<DynamicTest> conditions() {
        String hit = "{\"log\":\"hello\",\"n\":5,\"Key\":\"v\",\"k\":{\"a\":\"b\"},\"kx\":1,\"ky\":\"2\",\"hit\":\"1\"}";
        return FilterCase.tests(new ModifyFactory(), List.of(
                of("A_key_matches", opts("Condition", "A_key_matches ^K", "Set", "hit 1"), in(R), hit),
                of("No_key_matches", opts("Condition", "No_key_matches ^zz", "Set", "hit 1"), in(R), hit),
                of("Key_exists is case-sensitive", opts("Condition", "Key_exists key", "Set", "hit 1"), in(R), R),
                of("Key_exists with record accessor", opts("Condition", "Key_exists $k['a']", "Set", "hit 1"), in(R), hit),
                of("Key_does_not_exist", opts("Condition", "Key_does_not_exist zz", "Set", "hit 1"), in(R), hit),
                of("Key_value_equals on a string", opts("Condition", "Key_value_equals log hello", "Set", "hit 1"), in(R), hit),
                of("Key_value_equals on an integer is false", opts("Condition", "Key_value_equals n 5", "Set", "hit 1"), in(R), R),
                of("Key_value_does_not_equal on an integer is true", opts("Condition", "Key_value_does_not_equal n x", "Set", "hit 1"), in(R), hit),
                of("Key_value_does_not_equal on a missing key is false", opts("Condition", "Key_value_does_not_equal zz y", "Set", "hit 1"), in(R), R),
                of("Key_value_matches searches", opts("Condition", "Key_value_matches log ell", "Set", "hit 1"), in(R), hit),
                of("Key_value_matches on an integer is false", opts("Condition", "Key_value_matches n 5", "Set", "hit 1"), in(R), R),
                of("Key_value_does_not_match", opts("Condition", "Key_value_does_not_match log ^y", "Set", "hit 1"), in(R), hit),
                of("condition value with quotes", opts("Condition", "Key_value_equals a \"x y\"", "Set", "hit 1"),
                        in("{\"a\":\"x y\"}"), "{\"a\":\"x y\",\"hit\":\"1\"}"),
                of("accessor in condition, literal in rule", opts("Condition", "Key_value_equals $k['a'] b", "Remove", "$k['a']", "Set", "hit 1"), in(R), hit),
                of("Matching_keys_have_matching_values", opts("Condition", "Matching_keys_have_matching_values ^a x", "Set", "ok 1"),
                        in("{\"a1\":\"x\",\"a2\":\"x\",\"b\":\"y\"}"), "{\"a1\":\"x\",\"a2\":\"x\",\"b\":\"y\",\"ok\":\"1\"}"),
                of("Matching_keys_have_matching_values with no matching key is true",
                        opts("Condition", "Matching_keys_have_matching_values ^zz x", "Set", "ok 1"),
                        in("{\"a1\":\"x\"}"), "{\"a1\":\"x\",\"ok\":\"1\"}"),
                of("Matching_keys_do_not_have_matching_values", opts("Condition", "Matching_keys_do_not_have_matching_values ^a y", "Set", "ok 1"),
                        in("{\"a1\":\"x\",\"b\":\"y\"}"), "{\"a1\":\"x\",\"b\":\"y\",\"ok\":\"1\"}"),
                of("all conditions must hold", opts("Condition", "Key_exists log", "Condition", "Key_exists zz", "Set", "hit 1"), in(R), R)));
    }

    @Test
    void malformedConditionOrRuleIsAConfigError() {
        assertThrows(ConfigException.class, () -> FilterHarness.create(new ModifyFactory(), "Condition", "Key_value_equals a x y", "Set", "a b"));
        assertThrows(ConfigException.class, () -> FilterHarness.create(new ModifyFactory(), "Rename", "a"));
        assertThrows(ConfigException.class, () -> FilterHarness.create(new ModifyFactory(), "Condition", "Bogus a", "Set", "a b"));
        assertThrows(ConfigException.class, () -> FilterHarness.create(new ModifyFactory(), "Remove_regex", "("));
    }
}
