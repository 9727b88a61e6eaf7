package io.tributary.route;

import java.util.regex.Pattern;

/**
 * Decides whether a tag matches a section's {@code Match} (with {@code *} wildcards, as Fluent Bit's router:
 * the whole tag must match, {@code *} spans any characters including dots) or {@code Match_Regex} (the whole
 * tag must match the expression).
 */
public interface TagMatcher {
    boolean matches(String tag);

    TagMatcher NONE = new Described("(none)", tag -> false);

    static TagMatcher wildcard(String pattern) {
        String p = pattern.trim();
        if (p.equals("*")) return new Described("*", tag -> true);
        if (p.indexOf('*') < 0) return new Described(p, p::equals);
        return new WildcardMatcher(p);
    }

    static TagMatcher regex(String expression) {
        Pattern re = Pattern.compile(expression);
        return new Described("/" + expression + "/", tag -> re.matcher(tag).matches());
    }

    /** A matcher that prints as its rule, so the status page and messages can show what a section matches. */
    record Described(String rule, TagMatcher matcher) implements TagMatcher {
        @Override public boolean matches(String tag) { return matcher.matches(tag); }
        @Override public String toString() { return rule; }
    }

    /** Glob matching with {@code *} only, iterative with backtracking to the last star (no regex cost). */
    final class WildcardMatcher implements TagMatcher {
        private final String pattern;

        WildcardMatcher(String pattern) { this.pattern = pattern; }

        @Override public boolean matches(String tag) {
            int p = 0, t = 0, star = -1, mark = 0;
            int pn = pattern.length(), tn = tag.length();
            while (t < tn) {
                if (p < pn && pattern.charAt(p) == '*') {
                    star = p++;
                    mark = t;
                } else if (p < pn && pattern.charAt(p) == tag.charAt(t)) {
                    p++;
                    t++;
                } else if (star >= 0) {
                    p = star + 1;
                    t = ++mark;
                } else {
                    return false;
                }
            }
            while (p < pn && pattern.charAt(p) == '*') p++;
            return p == pn;
        }

        @Override public String toString() { return pattern; }
    }
}
