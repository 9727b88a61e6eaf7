package io.tributary.output.file;

import io.tributary.record.Chunk;
import io.tributary.record.EventCursor;
import io.tributary.record.EventTime;
import io.tributary.record.JsonWriter;
import io.tributary.record.LogEvent;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputPlugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Appends each chunk to its file in one write; a failed write is retried by the engine. */
final class FileOutput implements OutputPlugin {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
    private final FileSettings s;

    FileOutput(FileSettings settings) { this.s = settings; }

    @Override
    public FlushResult flush(Chunk chunk) throws IOException {
        Path dir = s.directory() == null ? Path.of("") : s.directory();
        if (s.mkdir() && s.directory() != null) Files.createDirectories(dir);
        Path target = dir.resolve(s.file() != null ? s.file() : chunk.tag());
        byte[] content = render(chunk);
        synchronized (this) {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                out.write(content);
            }
        }
        return FlushResult.ok();
    }

    private byte[] render(Chunk chunk) {
        if (s.format().equals("msgpack")) {
            return java.util.Arrays.copyOf(chunk.data(), chunk.length());
        }
        JsonWriter w = new JsonWriter(chunk.length() * 2);
        EventCursor e = chunk.cursor();
        boolean header = s.csvColumnNames();
        while (e.next()) {
            switch (s.format()) {
                case "out_file" -> {
                    w.raw(chunk.tag()).raw(": [").raw(time(e.time())).raw(", ");
                    w.msgpack(e.data(), e.bodyStart(), e.bodyEnd());
                    w.raw("]\n");
                }
                case "plain" -> {
                    w.msgpack(e.data(), e.bodyStart(), e.bodyEnd());
                    w.raw((byte) '\n');
                }
                case "csv" -> {
                    LogEvent ev = e.decode();
                    if (header) {
                        w.raw("timestamp");
                        for (String k : ev.body().keySet()) w.raw(s.delimiter()).raw(csvQuote(k));
                        w.raw((byte) '\n');
                        header = false;
                    }
                    w.raw(time(ev.time()));
                    for (Object v : ev.body().values()) w.raw(s.delimiter()).raw(csvQuote(text(v)));
                    w.raw((byte) '\n');
                }
                case "ltsv" -> {
                    LogEvent ev = e.decode();
                    w.raw("time").raw(s.labelDelimiter()).raw(time(ev.time()));
                    for (Map.Entry<String, Object> kv : ev.body().entrySet()) {
                        w.raw(s.delimiter()).raw(kv.getKey()).raw(s.labelDelimiter()).raw(text(kv.getValue()));
                    }
                    w.raw((byte) '\n');
                }
                case "template" -> {
                    LogEvent ev = e.decode();
                    Matcher m = PLACEHOLDER.matcher(s.template());
                    StringBuilder line = new StringBuilder();
                    while (m.find()) {
                        String key = m.group(1).trim();
                        String value = key.equals("time") ? time(ev.time())
                                : ev.body().containsKey(key) ? text(ev.body().get(key)) : "";
                        m.appendReplacement(line, Matcher.quoteReplacement(value));
                    }
                    m.appendTail(line);
                    byte[] bytes = line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
                    w.raw(bytes);
                }
                default -> throw new IllegalStateException("format " + s.format());
            }
        }
        return w.toByteArray();
    }

    private static String time(EventTime t) { return t.seconds() + "." + String.format("%09d", t.nanos()); }

    private static String text(Object v) {
        if (v instanceof String str) return str;
        if (v instanceof byte[] b) return new String(b, StandardCharsets.UTF_8);
        if (v == null) return "";
        if (v instanceof Map<?, ?> || v instanceof java.util.List<?>) return new JsonWriter(64).value(v).toString();
        return String.valueOf(v);
    }

    private String csvQuote(String v) {
        if (v.contains("\"") || v.contains(s.delimiter()) || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
