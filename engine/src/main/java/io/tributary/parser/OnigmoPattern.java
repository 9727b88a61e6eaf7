package io.tributary.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression written for Fluent Bit (Onigmo, Ruby syntax) compiled as a {@link Pattern}. The
 * differences that matter in real configs are translated:
 * <ul>
 * <li>Group names: Onigmo allows {@code _} and leading digits ({@code (?<remote_addr>...)}), Java does not,
 *     so every named group is renamed and the names are kept here, in order.</li>
 * <li>{@code ^} and {@code $} always match at line boundaries in Ruby, so the pattern is compiled MULTILINE
 *     (with UNIX_LINES: only {@code \n} ends a line, and {@code .} matches anything but {@code \n}).</li>
 * <li>Ruby's {@code (?m)} means "dot matches newline": Java's {@code (?s)}.</li>
 * <li>{@code \h}/{@code \H} are hex digits in Onigmo (horizontal space in Java).</li>
 * <li>POSIX brackets {@code [[:alpha:]]} become {@code \p{Alpha}}.</li>
 * <li>{@code /pattern/imx}, the form Fluent Bit accepts, is unwrapped into flags.</li>
 * </ul>
 * Duplicate names are allowed as in Onigmo; the first group of that name that took part in the match wins.
 */
public final class OnigmoPattern {
    private final String source;
    private final Pattern pattern;
    private final String[] names;
    private final int[] groups;

    private OnigmoPattern(String source, Pattern pattern, String[] names, int[] groups) {
        this.source = source;
        this.pattern = pattern;
        this.names = names;
        this.groups = groups;
    }

    /** Translates and compiles; throws IllegalArgumentException with the position of a syntax error. */
    public static OnigmoPattern compile(String regex) {
        String body = regex;
        int flags = Pattern.MULTILINE | Pattern.UNIX_LINES;
        if (body.length() >= 2 && body.charAt(0) == '/') {
            int close = body.lastIndexOf('/');
            if (close > 0 && body.substring(close + 1).chars().allMatch(c -> c == 'i' || c == 'm' || c == 'x')) {
                String opts = body.substring(close + 1);
                body = body.substring(1, close);
                if (opts.indexOf('i') >= 0) flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                if (opts.indexOf('m') >= 0) flags |= Pattern.DOTALL;
                if (opts.indexOf('x') >= 0) flags |= Pattern.COMMENTS;
            }
        }
        Translation t = translate(body);
        try {
            Pattern p = Pattern.compile(t.java.toString(), flags);
            return new OnigmoPattern(regex, p, t.names.toArray(new String[0]), t.groups.stream().mapToInt(Integer::intValue).toArray());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regex '" + regex + "': " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near position " + e.getIndex() : ""));
        }
    }

    private record Translation(StringBuilder java, List<String> names, List<Integer> groups) {}

    private static Translation translate(String re) {
        StringBuilder out = new StringBuilder(re.length() + 16);
        List<String> names = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        int group = 0;
        int classDepth = 0;
        int n = re.length();
        for (int i = 0; i < n; i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char e = re.charAt(i + 1);
                i++;
                if (e == 'h') out.append(classDepth > 0 ? "0-9a-fA-F" : "[0-9a-fA-F]");
                else if (e == 'H' && classDepth == 0) out.append("[^0-9a-fA-F]");
                else if (e == 'k' && i + 1 < n && re.charAt(i + 1) == '<') {
                    int close = re.indexOf('>', i + 2);
                    if (close < 0) throw new IllegalArgumentException("invalid regex '" + re + "': unterminated \\k<name>");
                    String name = re.substring(i + 2, close);
                    int idx = names.indexOf(name);
                    if (idx >= 0) out.append('\\').append(groups.get(idx));
                    else out.append("\\k<").append(name).append('>');
                    i = close;
                } else out.append('\\').append(e);
                continue;
            }
            if (classDepth > 0) {
                if (c == '[' && i + 1 < n && re.charAt(i + 1) == ':') {
                    int close = re.indexOf(":]", i + 2);
                    if (close > 0) {
                        String cls = re.substring(i + 2, close);
                        boolean negate = cls.startsWith("^");
                        String posix = posixClass(negate ? cls.substring(1) : cls);
                        if (posix != null) {
                            out.append(negate ? "\\P{" : "\\p{").append(posix).append('}');
                            i = close + 1;
                            continue;
                        }
                    }
                }
                if (c == '[') classDepth++;
                else if (c == ']') classDepth--;
                out.append(c);
                continue;
            }
            if (c == '[') {
                classDepth = 1;
                out.append(c);
                // A ']' right after '[' or '[^' is a literal in both dialects.
                if (i + 1 < n && re.charAt(i + 1) == '^') { out.append('^'); i++; }
                if (i + 1 < n && re.charAt(i + 1) == ']') { out.append("\\]"); i++; }
                continue;
            }
            if (c == '^') {
                // Java's MULTILINE '^' never matches in empty input; Onigmo's does (a "^$" rule for blank lines).
                out.append("(?:^|\\A)");
                continue;
            }
            if (c == '(') {
                if (i + 1 < n && re.charAt(i + 1) == '?') {
                    int j = i + 2;
                    char k = j < n ? re.charAt(j) : 0;
                    if ((k == '<' && j + 1 < n && re.charAt(j + 1) != '=' && re.charAt(j + 1) != '!') || k == '\'' || k == 'P') {
                        int nameStart = k == 'P' ? j + 2 : j + 1;
                        char closeCh = k == '\'' ? '\'' : '>';
                        int close = re.indexOf(closeCh, nameStart);
                        if (close < 0) throw new IllegalArgumentException("invalid regex '" + re + "': unterminated group name");
                        group++;
                        names.add(re.substring(nameStart, close));
                        groups.add(group);
                        out.append('(');
                        i = close;
                        continue;
                    }
                    // Inline options: Ruby's m is Java's s (dot matches newline).
                    int m = j;
                    while (m < n && "imx-".indexOf(re.charAt(m)) >= 0) m++;
                    if (m > j && m < n && (re.charAt(m) == ')' || re.charAt(m) == ':')) {
                        out.append("(?").append(re.substring(j, m).replace('m', 's'));
                        i = m - 1;
                        continue;
                    }
                    out.append(c);
                    continue;
                }
                group++;
                out.append(c);
                continue;
            }
            out.append(c);
        }
        return new Translation(out, names, groups);
    }

    private static String posixClass(String name) {
        return switch (name) {
            case "alpha" -> "Alpha";
            case "digit" -> "Digit";
            case "alnum" -> "Alnum";
            case "upper" -> "Upper";
            case "lower" -> "Lower";
            case "space" -> "Space";
            case "punct" -> "Punct";
            case "xdigit" -> "XDigit";
            case "cntrl" -> "Cntrl";
            case "print" -> "Print";
            case "graph" -> "Graph";
            case "blank" -> "Blank";
            default -> null;
        };
    }

    public Pattern pattern() { return pattern; }

    /** The pattern as the config wrote it. */
    public String source() { return source; }

    /** The named groups, in the order they appear. */
    public String[] names() { return names.clone(); }

    public int nameCount() { return names.length; }

    public String name(int i) { return names[i]; }

    /** The Java group number of the i-th named group. */
    public int group(int i) { return groups[i]; }

    public Matcher matcher(CharSequence text) { return pattern.matcher(text); }

    /** Whether the pattern matches anywhere in the text (Onigmo's search). */
    public boolean find(CharSequence text) { return pattern.matcher(text).find(); }

    @Override public String toString() { return source; }
}
