package io.tributary.parser;

import java.util.List;

/** The format-independent settings of one {@code [PARSER]} section, validated. */
record ParserSettings(String name, TimeExtraction time, FieldTypes types, List<FieldDecoder> decoders,
                      boolean skipEmptyValues, BurstLog failures) {
    ParserSettings { decoders = List.copyOf(decoders); }
}
