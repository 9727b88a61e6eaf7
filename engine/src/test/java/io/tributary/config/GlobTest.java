package io.tributary.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GlobTest {
    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "*.conf      | out.conf      | true",
            "*.conf      | out.conf.bak  | false",
            "*.conf      | .conf         | true",
            "in-?.conf   | in-1.conf     | true",
            "in-?.conf   | in-12.conf    | false",
            "[0-9]*.conf | 10-in.conf    | true",
            "[0-9]*.conf | in.conf       | false",
            "[!a]*       | b.conf        | true",
            "[!a]*       | a.conf        | false",
            "[^a]*       | a.conf        | false",
            "a+b(*).conf | a+b(1).conf   | true",
            "a.conf      | abconf        | false",
            "[ab.conf    | [ab.conf      | true",
    })
    void matchesLikePosixGlob(String glob, String name, boolean matches) {
        assertEquals(matches, Glob.toRegex(glob).matcher(name).matches());
    }
}
