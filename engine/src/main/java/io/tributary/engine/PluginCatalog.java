package io.tributary.engine;

import io.tributary.spi.PluginFactory;
import io.tributary.spi.PluginType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The plugins found on the class path through {@link ServiceLoader}, by kind and name (aliases included). */
public final class PluginCatalog {
    private final Map<PluginType, Map<String, PluginFactory>> byName = new EnumMap<>(PluginType.class);

    public PluginCatalog(Iterable<PluginFactory> factories) {
        for (PluginType t : PluginType.values()) byName.put(t, new LinkedHashMap<>());
        for (PluginFactory f : factories) {
            Map<String, PluginFactory> m = byName.get(f.type());
            register(m, f.name(), f);
            for (String alias : f.aliases()) register(m, alias, f);
        }
    }

    private static void register(Map<String, PluginFactory> m, String name, PluginFactory f) {
        PluginFactory previous = m.putIfAbsent(name.toLowerCase(Locale.ROOT), f);
        if (previous != null && previous != f) {
            throw new IllegalStateException("two plugins named '" + name + "': " + previous.getClass().getName()
                    + " and " + f.getClass().getName());
        }
    }

    public static PluginCatalog load() {
        return new PluginCatalog(ServiceLoader.load(PluginFactory.class, PluginCatalog.class.getClassLoader()));
    }

    public Optional<PluginFactory> find(PluginType type, String name) {
        return Optional.ofNullable(byName.get(type).get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** Distinct factories of a kind, sorted by name (for help and docs). */
    public List<PluginFactory> all(PluginType type) {
        List<PluginFactory> out = new ArrayList<>();
        for (PluginFactory f : byName.get(type).values()) if (!out.contains(f)) out.add(f);
        out.sort(Comparator.comparing(PluginFactory::name));
        return out;
    }

    /** Names (with aliases) of a kind, for "unknown plugin" messages. */
    public List<String> names(PluginType type) { return List.copyOf(byName.get(type).keySet()); }
}
