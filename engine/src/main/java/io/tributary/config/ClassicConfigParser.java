package io.tributary.config;

import io.tributary.spi.Location;

import java.util.Locale;

/**
 * Fluent Bit's classic format, one file at a time:
 * <pre>
 * [SERVICE]
 *     Flush 1
 * &#64;INCLUDE outputs/*.conf
 * &#64;SET region=us-east-1
 * [OUTPUT]
 *     Name   kinesis_streams
 *     region ${region}
 * </pre>
 * Matches {@code flb_cf_fluentbit.c} where a file means one thing, and differs where Fluent Bit accepts a file
 * and then silently misreads it:
 * <ul>
 *   <li>Fluent Bit requires one indentation per file and misreads keys at column 1 (the first character becomes
 *       the indentation). Here any indentation, none included, is a key line; it is not ambiguous.</li>
 *   <li>A comment or whitespace-only line with a different indentation is an error there; skipped here.</li>
 *   <li>A tab between key and value is an error there; a separator here, like a space.</li>
 *   <li>An unknown {@code @COMMAND} is silently ignored there, so {@code @INCLDUE} drops a file; an error
 *       here. An indented {@code @INCLUDE} or {@code [SECTION]} would become a key or a nested group there;
 *       an error here, since Tributary has no groups.</li>
 *   <li>{@code @SET a = b} defines {@code "a "} as {@code " b"} there; trimmed here.</li>
 *   <li>Text after a section header ({@code [INPUT] Name dummy}) is dropped there; an error here, unless it is a
 *       {@code #} comment.</li>
 * </ul>
 * As in Fluent Bit, a value runs to the end of the line ({@code #} in a value is not a comment), a key without a
 * value is an error, and a key keeps its case.
 */
final class ClassicConfigParser {
    private final LoadSession session;

    ClassicConfigParser(LoadSession session) { this.session = session; }

    void parse(SourceFile src) {
        String[] lines = src.lines();
        RawSection current = null;
        boolean skipping = false;   // after a broken header: its keys would only repeat the same error
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String text = line.strip();
            if (text.isEmpty() || text.charAt(0) == '#') continue;
            Location at = new Location(src.display(), i + 1);
            boolean indented = Character.isWhitespace(line.charAt(0));
            char first = text.charAt(0);
            if (first == '[') {
                if (indented) {
                    session.problem(at, "section header " + text + " must start at the beginning of the line");
                    current = null;
                    skipping = true;
                    continue;
                }
                String name = headerName(text, at);
                current = name == null ? null : session.openSection(name, at);
                skipping = name == null;
                continue;
            }
            if (first == '@') {
                if (indented) {
                    session.problem(at, "'" + firstWord(text) + "' must start at the beginning of the line");
                } else {
                    command(text, src, at);
                }
                continue;
            }
            if (skipping) continue;
            String key = firstWord(text);
            String value = text.substring(key.length()).strip();
            if (current == null) {
                session.problem(at, "'" + key + "' is outside any section; put it under a [SECTION] header");
            } else if (value.isEmpty()) {
                session.problem(at, "[" + current.name() + "] key '" + key + "' has no value"
                        + (key.indexOf('=') > 0 ? " (write 'key value', with a space, not key=value)" : ""));
            } else {
                current.add(key, value, at);
            }
        }
    }

    /** The name in {@code [name]}, or null after adding a problem. */
    private String headerName(String text, Location at) {
        int close = text.indexOf(']');
        if (close < 0) {
            session.problem(at, "section header '" + text + "' has no closing ']'");
            return null;
        }
        String name = text.substring(1, close).strip();
        String rest = text.substring(close + 1).strip();
        if (name.isEmpty()) {
            session.problem(at, "empty section name '[]'");
            return null;
        }
        if (!rest.isEmpty() && rest.charAt(0) != '#') {
            session.problem(at, "unexpected text after [" + name + "]: '" + rest
                    + "' (keys go on their own lines, below the header)");
        }
        return name;
    }

    private void command(String text, SourceFile src, Location at) {
        String word = firstWord(text);
        String argument = text.substring(word.length()).strip();
        switch (word.toUpperCase(Locale.ROOT)) {
            case "@INCLUDE" -> {
                if (argument.isEmpty()) session.problem(at, "@INCLUDE needs a file name or pattern");
                else session.include(argument, src, at);
            }
            case "@SET" -> {
                int eq = argument.indexOf('=');
                String name = eq < 0 ? "" : argument.substring(0, eq).strip();
                if (eq < 0 || name.isEmpty()) {
                    session.problem(at, "@SET expects name=value, got '" + argument + "'");
                } else {
                    session.define(name, argument.substring(eq + 1).strip(), at);
                }
            }
            default -> session.problem(at, "unknown command '" + word + "' (expected @INCLUDE or @SET)");
        }
    }

    private static String firstWord(String text) {
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) end++;
        return text.substring(0, end);
    }
}
