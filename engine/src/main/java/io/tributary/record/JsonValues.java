package io.tributary.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON text into the plain Java values {@link LogEvent} uses (LinkedHashMap keeps key order). Uses
 * Jackson's streaming parser: JSON parsing is easy to get subtly wrong (escapes, surrogates, big numbers) and
 * Jackson is small and well kept. Integers that fit are Long, others Double; nesting is bounded.
 */
public final class JsonValues {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MsgpackValues.MAX_DEPTH).build())
            .build();

    private JsonValues() {}

    /** Parses one JSON value; throws IllegalArgumentException naming the problem and its position. */
    public static Object parse(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return parseDocument(p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    public static Object parse(byte[] utf8, int offset, int length) {
        try (JsonParser p = FACTORY.createParser(utf8, offset, length)) {
            return parseDocument(p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    /** Parses a JSON object; throws IllegalArgumentException when the text is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String json) {
        Object v = parse(json);
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new IllegalArgumentException("expected a JSON object");
    }

    private static Object parseDocument(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) throw new IllegalArgumentException("invalid JSON: empty input");
        Object v = value(p, t);
        if (p.nextToken() != null) throw new IllegalArgumentException("invalid JSON: trailing data at " + p.currentLocation().getCharOffset());
        return v;
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) l.add(value(p, e));
                return l;
            }
            case VALUE_STRING: return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getDoubleValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT: return p.getDoubleValue();
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            case VALUE_NULL: return null;
            default: throw new IllegalArgumentException("invalid JSON: unexpected " + t);
        }
    }
}
