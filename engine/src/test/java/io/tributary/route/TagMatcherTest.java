package io.tributary.route;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TagMatcherTest {
    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "*, anything, true",
            "*, '', true",
            "app.*, app.web, true",
            "app.*, app.web.1, true",
            "app.*, app, false",
            "app.*, apps.web, false",
            "*.web, app.web, true",
            "*.web, app.web2, false",
            "kube.*.app, kube.default.app, true",
            "kube.*.app, kube.a.b.app, true",
            "kube.*.app, kube.app, false",
            "a*b*c, abc, true",
            "a*b*c, aXbYc, true",
            "a*b*c, aXbYcZ, false",
            "exact, exact, true",
            "exact, exactly, false",
            "**, x, true",
    })
    void wildcard(String pattern, String tag, boolean expected) {
        assertEquals(expected, TagMatcher.wildcard(pattern).matches(tag));
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "'^app\\.(web|api)$', app.web, true",
            "'app\\.(web|api)', app.api, true",
            "'app', app.web, false",
            "'.*\\.log$', var.log, true",
    })
    void regexMatchesTheWholeTag(String regex, String tag, boolean expected) {
        assertEquals(expected, TagMatcher.regex(regex).matches(tag));
    }
}
