package io.tributary.input.forward;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the whole receive path of one connection (framing, mode decoding, decompression, appending) with
 * arbitrary bytes, split into two reads. Whatever arrives, the pipeline must handle it: records it appends must be
 * well-formed events (the recording context decodes each one), and every failure must end as a logged refusal of
 * that connection, never an exception escaping the pipeline or an "unexpected error". A plain {@code mvn test}
 * replays the checked-in corpus ({@code src/test/resources/.../ForwardDecoderFuzzTestInputs/decode}); run with
 * {@code JAZZER_FUZZ=1} to fuzz.
 */
class ForwardDecoderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) {
        RecordingInputContext ctx = new RecordingInputContext();
        ConnectionFailures failures = new ConnectionFailures(ctx);
        // Small limits so the fuzzer reaches them.
        EmbeddedChannel ch = new EmbeddedChannel(new ForwardFrameDecoder(64 * 1024, 256),
                new ForwardRecordHandler(new ForwardModeDecoder("p.", null, 64 * 1024), failures));
        int split = input.length == 0 ? 0 : (input[0] & 0xff) % (input.length + 1);
        ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(input, 0, split)));
        // A refused connection is closed: the second read never comes.
        if (ch.isOpen()) ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(input, split, input.length)));
        ch.checkException();
        ch.finishAndReleaseAll();
        for (String line : ctx.logLines) {
            assertTrue(!line.startsWith("error"), line);
        }
    }
}
