package io.tributary.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Answers one path. Most answer at once on the server's event loop; reload answers when the reload is done. */
interface Endpoint {
    CompletionStage<HttpReply> handle(ApiRequest request);

    static Endpoint now(Function<ApiRequest, HttpReply> answer) {
        return r -> CompletableFuture.completedFuture(answer.apply(r));
    }
}
