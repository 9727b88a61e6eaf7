package io.tributary.input.pipe;

import io.tributary.input.support.MapPluginConfig;
import io.tributary.input.support.RecordingInputContext;
import io.tributary.input.support.TestEnvironment;
import io.tributary.spi.Parser;

import java.util.Map;

/** A named_pipe input started with an in-memory context. */
final class PipeFixture implements AutoCloseable {
    final RecordingInputContext context;
    final NamedPipeInput input;

    PipeFixture(Map<String, String> settings, Parser... parsers) throws Exception {
        TestEnvironment env = TestEnvironment.with(parsers);
        input = (NamedPipeInput) new NamedPipeInputFactory().create(new MapPluginConfig("named_pipe", NamedPipeConfig.SPEC, settings), env);
        context = new RecordingInputContext("named_pipe.0", "pipe", env.parsers());
        input.start(context);
    }

    @Override public void close() { input.stop(); }
}
