package io.tributary.output.aws;

import java.io.IOException;

/**
 * Reads a service's answer where it lies: {@code answer[0, length)} is the connection's own buffer, valid only
 * during the call, so the answer is parsed without being copied (a 500-entry answer is ~50 KB).
 */
@FunctionalInterface
public interface AnswerParser<T> {
    T parse(byte[] answer, int length) throws IOException;
}
