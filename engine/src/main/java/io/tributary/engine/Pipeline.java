package io.tributary.engine;

import io.tributary.route.Routes;

/** What inputs need from the engine: routes by tag, chunk ids, and hand-off of sealed chunks. */
interface Pipeline {
    Routes.Route<FilterInstance, OutputInstance> route(String tag);

    long nextChunkId();

    /** Arrays of delivered full-sized chunks, for the next ones (shared by every input). */
    SpareChunkArrays spareArrays();

    /** Record bytes in memory across all inputs, against storage.total_mem_limit. */
    default MemoryBudget memoryBudget() { return MemoryBudget.UNLIMITED; }

    /** Hands a sealed chunk to its outputs. */
    void dispatch(Delivery delivery, java.util.List<OutputInstance> outputs);

    /** False once shutdown began: appends are refused so senders keep (and resend) what we can't flush. */
    boolean accepting();

    /** The input a filter's re-emitted records enter through (created on first use). */
    InputInstance emitterFor(FilterInstance filter);
}
