package io.tributary.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The options one plugin accepts, in declaration order. */
public record ConfigSpec(List<Option<?>> options) {
    public ConfigSpec { options = List.copyOf(options); }

    public static ConfigSpec of(Option<?>... options) { return new ConfigSpec(List.of(options)); }

    public static ConfigSpec empty() { return new ConfigSpec(List.of()); }

    /** This spec followed by more options (e.g. a shared set such as TLS or the AWS core's). */
    public ConfigSpec plus(List<Option<?>> more) {
        List<Option<?>> all = new ArrayList<>(options);
        all.addAll(more);
        return new ConfigSpec(all);
    }

    public ConfigSpec plus(ConfigSpec more) { return plus(more.options()); }

    public Optional<Option<?>> find(String key) {
        for (Option<?> o : options) if (o.matches(key)) return Optional.of(o);
        return Optional.empty();
    }
}
