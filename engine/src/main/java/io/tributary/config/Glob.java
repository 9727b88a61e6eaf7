package io.tributary.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * POSIX-style file globs for {@code @INCLUDE conf.d/*.conf}: {@code *}, {@code ?} and {@code [...]} within one
 * path segment, wildcards allowed in directory segments too, and names starting with a dot matched only by a
 * segment that starts with a dot (as glob(3) does). Fluent Bit switches to globbing only when the path holds a
 * {@code *}; so do we. Matches come back sorted, where Fluent Bit takes directory order (GLOB_NOSORT), so that
 * the sections of {@code 10-in.conf} always come before those of {@code 20-out.conf}.
 */
final class Glob {
    private Glob() {}

    static boolean isPattern(String path) { return path.indexOf('*') >= 0; }

    /** Regular files matching {@code pattern} resolved against {@code base}, sorted by path. */
    static List<Path> expand(Path base, String pattern) throws IOException {
        Path full = base.resolve(pattern).normalize();
        Path root = full.getRoot();
        List<Path> current = new ArrayList<>();
        current.add(root != null ? root : Path.of(""));
        int segments = full.getNameCount();
        for (int i = 0; i < segments; i++) {
            String segment = full.getName(i).toString();
            boolean last = i == segments - 1;
            List<Path> next = new ArrayList<>();
            if (!isWildcard(segment)) {
                for (Path dir : current) next.add(dir.resolve(segment));
            } else {
                Pattern regex = toRegex(segment);
                boolean dotOk = segment.startsWith(".");
                for (Path dir : current) {
                    Path listed = dir.toString().isEmpty() ? Path.of(".") : dir;
                    if (!Files.isDirectory(listed)) continue;
                    try (DirectoryStream<Path> entries = Files.newDirectoryStream(listed)) {
                        for (Path entry : entries) {
                            String name = entry.getFileName().toString();
                            if (name.startsWith(".") && !dotOk) continue;
                            if (regex.matcher(name).matches()) next.add(dir.resolve(name));
                        }
                    }
                }
            }
            current = new ArrayList<>();
            for (Path p : next) {
                if (last ? Files.isRegularFile(p) : Files.isDirectory(p)) current.add(p);
            }
            if (current.isEmpty()) return List.of();
        }
        current.sort(Comparator.comparing(Path::toString));
        return current;
    }

    private static boolean isWildcard(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0 || segment.indexOf('[') >= 0;
    }

    static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);   // "[]a]" holds a literal ']'
                    if (close < 0) {
                        re.append("\\[");
                        break;
                    }
                    String body = glob.substring(i + 1, close);
                    boolean negate = body.startsWith("!") || body.startsWith("^");
                    if (negate) body = body.substring(1);
                    re.append(negate ? "[^" : "[");
                    for (char b : body.toCharArray()) {
                        if (b == '\\' || b == '[' || b == ']' || b == '&' || b == '^') re.append('\\');
                        re.append(b);
                    }
                    re.append(']');
                    i = close;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
