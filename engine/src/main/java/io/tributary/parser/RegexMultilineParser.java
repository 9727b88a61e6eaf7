package io.tributary.parser;

import io.tributary.record.LogEvent;
import io.tributary.spi.MultilineParser;
import io.tributary.spi.MultilineStream;
import io.tributary.spi.ParsedRecord;
import io.tributary.spi.Parser;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code type regex} multiline parsing (also the built-in java, python and go modes): a state machine over
 * rules. A line that matches a {@code start_state} rule opens a message; each following line that matches a
 * rule of the current state joins it; any other line closes it, and is then looked at afresh. Lines are joined
 * with a newline unless the previous one already ends with one (Docker's lines do).
 */
final class RegexMultilineParser implements MultilineParser {
    private final String name;
    private final List<MultilineRule> rules;
    private final Duration flushTimeout;
    private final String keyContent;
    private final Parser lineParser;

    RegexMultilineParser(String name, List<MultilineRule> rules, Duration flushTimeout, String keyContent) {
        this(name, rules, flushTimeout, keyContent, null);
    }

    /**
     * With a line parser (the definition's {@code parser}), each line is parsed first, its fields replace the
     * text key, and the rules look at the parsed {@code keyContent}; a line the parser cannot read is taken as
     * it is.
     */
    RegexMultilineParser(String name, List<MultilineRule> rules, Duration flushTimeout, String keyContent, Parser lineParser) {
        this.name = name;
        this.rules = List.copyOf(rules);
        this.flushTimeout = flushTimeout;
        this.keyContent = keyContent;
        this.lineParser = lineParser;
    }

    @Override public String name() { return name; }
    @Override public Optional<String> keyContent() { return Optional.ofNullable(keyContent); }
    @Override public Duration flushTimeout() { return flushTimeout; }
    @Override public MultilineStream newStream() { return new Stream(); }

    List<MultilineRule> rules() { return rules; }

    private MultilineRule match(String state, String text) {
        for (MultilineRule r : rules) if (r.matches(state, text)) return r;
        return null;
    }

    private final class Stream implements MultilineStream {
        private LogEvent first;
        private String key;
        private StringBuilder text;
        private String state;
        private long lastAppend;
        private boolean lastEndedWithNewline;

        @Override public boolean offer(LogEvent event, String contentKey, Consumer<LogEvent> out) {
            if (lineParser != null && event.body().get(contentKey) instanceof String raw) {
                Optional<ParsedRecord> parsed = lineParser.parse(raw);
                if (parsed.isPresent() && parsed.get().fields().get(keyContent) instanceof String) {
                    Map<String, Object> body = new LinkedHashMap<>(event.body());
                    body.remove(contentKey);
                    body.putAll(parsed.get().fields());
                    event.body(body);
                    if (parsed.get().time() != null) event.time(parsed.get().time());
                    contentKey = keyContent;
                }
            }
            if (!(event.body().get(contentKey) instanceof String line)) {
                flush(out);
                out.accept(event);
                return true;
            }
            if (first != null) {
                MultilineRule next = match(state, line);
                if (next != null) {
                    // Judge by the previous line, not the buffer: an empty line must still add its newline.
                    if (!lastEndedWithNewline) text.append('\n');
                    text.append(line);
                    lastEndedWithNewline = line.endsWith("\n");
                    state = next.to();
                    lastAppend = System.nanoTime();
                    return true;
                }
                flush(out);
            }
            MultilineRule start = match(MultilineRule.START, line);
            if (start == null) {
                out.accept(event);
                return true;
            }
            first = event;
            key = contentKey;
            text = new StringBuilder(line.length() * 4).append(line);
            lastEndedWithNewline = line.endsWith("\n");
            state = start.to();
            lastAppend = System.nanoTime();
            return true;
        }

        @Override public void flush(Consumer<LogEvent> out) {
            if (first == null) return;
            LogEvent e = first;
            e.body().put(key, text.toString());
            first = null;
            text = null;
            state = null;
            out.accept(e);
        }

        @Override public boolean hasPending() { return first != null; }
        @Override public long lastAppendNanos() { return lastAppend; }
    }
}
