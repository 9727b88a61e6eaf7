package io.tributary.spi;

import io.tributary.record.EventTime;

import java.util.Map;

/** What a parser made of one message: the fields, and the time it found (null when it found none). */
public record ParsedRecord(Map<String, Object> fields, EventTime time) {}
