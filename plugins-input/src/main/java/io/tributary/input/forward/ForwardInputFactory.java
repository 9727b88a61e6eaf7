package io.tributary.input.forward;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.InputFactory;
import io.tributary.spi.InputPlugin;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Registers {@code forward}: Fluentd Forward Protocol v1 over TCP, TLS or a unix socket. */
public final class ForwardInputFactory implements InputFactory {
    @Override public String name() { return "forward"; }

    @Override
    public String description() {
        return "Fluentd Forward Protocol v1 server (Message, Forward, PackedForward, CompressedPackedForward; "
                + "acks, shared-key handshake, TLS, unix socket).";
    }

    @Override public ConfigSpec spec() { return ForwardConfig.SPEC; }

    @Override
    public InputPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        ForwardConfig.Settings settings = ForwardConfig.Settings.from(config, env.configDirectory());
        List<String> problems = new ArrayList<>();
        settings.tls().ifPresent(t -> {
            // Found at --dry-run rather than when the listener starts.
            check(config, ForwardConfig.TLS_CRT_FILE, t.certFile(), problems);
            check(config, ForwardConfig.TLS_KEY_FILE, t.keyFile(), problems);
            t.caFile().ifPresent(f -> check(config, ForwardConfig.TLS_CA_FILE, f, problems));
            t.caPath().ifPresent(d -> {
                if (!Files.isDirectory(d)) problems.add(config.error(ForwardConfig.TLS_CA_PATH, d + " is not a directory").getMessage());
            });
        });
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new ForwardInput(settings);
    }

    private static void check(PluginConfig config, io.tributary.spi.Option<?> option, Path file, List<String> problems) {
        if (!Files.isReadable(file)) problems.add(config.error(option, file + " is not a readable file").getMessage());
    }
}
