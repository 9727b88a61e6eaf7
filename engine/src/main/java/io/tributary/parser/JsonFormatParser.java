package io.tributary.parser;

import java.util.Map;

/** {@code Format json}: the message must be one JSON object; its members become the fields. */
final class JsonFormatParser extends FormatParser {
    JsonFormatParser(ParserSettings settings) { super(settings); }

    @Override Map<String, Object> fields(String text) { return JsonText.parseObjectOrNull(text); }

    /** Fluent Bit's json format does not apply Types. */
    @Override boolean typed() { return false; }
}
