package io.tributary.bench.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A config of the harness's resources with {@code @@NAME@@} placeholders; every placeholder must be given. */
final class ConfigTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("@@([A-Z_]+)@@");

    private ConfigTemplate() {}

    static String resource(String name) throws IOException {
        try (InputStream in = ConfigTemplate.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("no resource " + name + " beside " + ConfigTemplate.class.getName());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Path write(String template, Map<String, String> values, Path file) throws IOException {
        Matcher m = PLACEHOLDER.matcher(resource(template));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) throw new IllegalArgumentException(template + ": no value for @@" + m.group(1) + "@@");
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        Files.writeString(file, out);
        return file;
    }
}
