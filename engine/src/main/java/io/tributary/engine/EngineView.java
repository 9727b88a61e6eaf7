package io.tributary.engine;

import java.util.List;

/** The running instances of an engine, for read-only consumers (HTTP server, tests). */
public record EngineView(List<InputInstance> inputs, List<InputInstance> emitters, List<FilterInstance> filters,
                         List<OutputInstance> outputs) {}
