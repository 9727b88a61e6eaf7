package io.tributary.parser;

import io.tributary.record.EventTime;
import io.tributary.spi.ParsedRecord;
import io.tributary.spi.Parser;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every {@code [PARSER]} format shares: after the format has turned text into fields, the decoders run,
 * then the types (not for json, as in Fluent Bit), then the time field is taken out. Subclasses only split text.
 */
abstract class FormatParser implements Parser {
    private final String name;
    private final TimeExtraction time;
    private final FieldTypes types;
    private final List<FieldDecoder> decoders;
    private final BurstLog failures;

    FormatParser(ParserSettings settings) {
        this.name = settings.name();
        this.time = settings.time();
        this.types = settings.types();
        this.decoders = settings.decoders();
        this.failures = settings.failures();
    }

    @Override public final String name() { return name; }

    /** The fields of one message, or null when it does not match this format. */
    abstract Map<String, Object> fields(String text);

    /** Whether Types apply to this format. */
    boolean typed() { return true; }

    @Override public final Optional<ParsedRecord> parse(String text) {
        Map<String, Object> fields = fields(text);
        if (fields == null) return Optional.empty();
        if (!decoders.isEmpty()) FieldDecoder.applyAll(decoders, fields);
        if (typed()) types.apply(fields);
        EventTime t = time.extract(fields, name, failures);
        return Optional.of(new ParsedRecord(fields, t));
    }

    @Override public String toString() { return getClass().getSimpleName() + "[" + name + "]"; }
}
