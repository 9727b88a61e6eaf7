package io.tributary.parser;

import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.MultilineParser;
import io.tributary.spi.MultilineStream;
import io.tributary.spi.ParsedRecord;
import io.tributary.spi.Parser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.BiPredicate;

/**
 * Multiline types {@code endswith} and {@code equal}, and the built-in {@code docker} and {@code cri} modes:
 * pieces of one line are concatenated as they are until a piece says the line is complete (Docker: its text
 * ends with a newline; CRI: its {@code _p} flag is {@code F}). Pieces are kept apart by {@code key_group} (the
 * stream, stdout or stderr). With a line parser (docker, cri), the text is first parsed (Docker's JSON, the CRI
 * line format) and its fields replace the text key; text that parser cannot read is refused so another
 * multiline parser may try, or it passes unchanged, as in Fluent Bit.
 */
final class JoinUntilMultilineParser implements MultilineParser {
    private final String name;
    private final Parser lineParser;
    private final String keyContent;
    private final String keyGroup;
    /** Whether a piece completes its line, given the piece's fields and its text. */
    private final BiPredicate<Map<String, Object>, String> complete;
    private final Duration flushTimeout;

    JoinUntilMultilineParser(String name, Parser lineParser, String keyContent, String keyGroup,
                             BiPredicate<Map<String, Object>, String> complete, Duration flushTimeout) {
        this.name = name;
        this.lineParser = lineParser;
        this.keyContent = keyContent;
        this.keyGroup = keyGroup;
        this.complete = complete;
        this.flushTimeout = flushTimeout;
    }

    @Override public String name() { return name; }
    @Override public Optional<String> keyContent() { return Optional.ofNullable(keyContent); }
    @Override public Duration flushTimeout() { return flushTimeout; }
    @Override public MultilineStream newStream() { return new Stream(); }

    private static final class Pending {
        final LogEvent first;
        final String key;
        final StringBuilder text;

        Pending(LogEvent first, String key, String text) {
            this.first = first;
            this.key = key;
            this.text = new StringBuilder(text);
        }
    }

    private final class Stream implements MultilineStream {
        private final Map<String, Pending> pending = new LinkedHashMap<>();
        private long lastAppend;

        @Override public boolean offer(LogEvent event, String contentKey, Consumer<LogEvent> out) {
            if (!(event.body().get(contentKey) instanceof String raw)) return false;
            Map<String, Object> fields;
            String textKey;
            EventTime time = null;
            if (lineParser != null) {
                Optional<ParsedRecord> parsed = lineParser.parse(raw);
                if (parsed.isEmpty() || !(parsed.get().fields().get(keyContent) instanceof String)) return false;
                fields = parsed.get().fields();
                time = parsed.get().time();
                textKey = keyContent;
            } else {
                fields = event.body();
                textKey = contentKey;
            }
            String piece = (String) fields.get(textKey);
            String group = keyGroup != null && fields.get(keyGroup) instanceof String g ? g : "";
            boolean done = complete.test(fields, piece);
            Pending p = pending.get(group);
            if (p == null) {
                if (lineParser != null) {
                    Map<String, Object> body = new LinkedHashMap<>(event.body());
                    body.remove(contentKey);
                    body.putAll(fields);
                    event.body(body);
                }
                if (time != null) event.time(time);
                if (done) {
                    out.accept(event);
                    return true;
                }
                pending.put(group, new Pending(event, textKey, piece));
            } else {
                p.text.append(piece);
                if (done) {
                    pending.remove(group);
                    emit(p, out);
                    return true;
                }
            }
            lastAppend = System.nanoTime();
            return true;
        }

        private void emit(Pending p, Consumer<LogEvent> out) {
            p.first.body().put(p.key, p.text.toString());
            out.accept(p.first);
        }

        @Override public void flush(Consumer<LogEvent> out) {
            if (pending.isEmpty()) return;
            List<Pending> copy = new ArrayList<>(pending.values());
            pending.clear();
            for (Pending p : copy) emit(p, out);
        }

        @Override public boolean hasPending() { return !pending.isEmpty(); }
        @Override public long lastAppendNanos() { return lastAppend; }
    }
}
