package io.tributary.engine;

import io.tributary.record.Chunk;

/**
 * One (chunk, output) pair: what is still to be sent to the output ({@code pending}: the whole chunk, or after
 * a partial failure only the records the output must retry) and how many retries it has had.
 */
record FlushTask(Delivery delivery, Chunk pending, int retries) {
    FlushTask retryWith(Chunk remainder) { return new FlushTask(delivery, remainder, retries + 1); }
}
