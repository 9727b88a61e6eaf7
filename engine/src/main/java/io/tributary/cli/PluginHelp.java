package io.tributary.cli;

import io.tributary.engine.CommonOptions;
import io.tributary.engine.PluginCatalog;
import io.tributary.spi.Option;
import io.tributary.spi.PluginFactory;
import io.tributary.spi.PluginType;

import java.util.List;
import java.util.Locale;

/**
 * Help text and reference tables rendered from the plugins' option declarations, so {@code -h}, the README
 * and validation can never disagree.
 */
public final class PluginHelp {
    private PluginHelp() {}

    /** What {@code tributary -o NAME -h} prints. */
    public static String text(PluginFactory f) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.type().name()).append(" plugin: ").append(f.name());
        if (!f.aliases().isEmpty()) sb.append(" (also: ").append(String.join(", ", f.aliases())).append(')');
        sb.append("\n  ").append(f.description()).append("\n\nOPTIONS\n");
        appendOptions(sb, f.spec().options());
        sb.append("\nCOMMON OPTIONS\n");
        appendOptions(sb, CommonOptions.forType(f.type()).options().stream()
                .filter(o -> !o.description().startsWith("Accepted for compatibility")).toList());
        return sb.toString();
    }

    private static void appendOptions(StringBuilder sb, List<Option<?>> options) {
        int width = 8;
        for (Option<?> o : options) width = Math.max(width, o.name().length());
        for (Option<?> o : options) {
            sb.append("  ").append(String.format(Locale.ROOT, "%-" + width + "s", o.name())).append("  ")
                    .append(typeOf(o));
            if (o.isRequired()) sb.append(", required");
            if (o.defaultText() != null) sb.append(", default: ").append(o.defaultText().isEmpty() ? "\"\"" : o.defaultText());
            sb.append("\n  ").append(" ".repeat(width)).append("  ").append(o.description()).append('\n');
        }
    }

    private static String typeOf(Option<?> o) {
        String t = o.type().label();
        if (!o.choices().isEmpty()) t += " (" + String.join("|", o.choices()) + ")";
        if (o.isMultiple()) t += ", repeatable";
        return t;
    }

    /** The README's configuration reference: one Markdown table per plugin. */
    public static String markdown(PluginCatalog catalog) {
        StringBuilder sb = new StringBuilder();
        for (PluginType type : PluginType.values()) {
            for (PluginFactory f : catalog.all(type)) {
                if (f.getClass().getName().startsWith("io.tributary.testing.")) continue;
                sb.append("#### ").append(type.name().toLowerCase(Locale.ROOT)).append(" `").append(f.name()).append('`');
                if (!f.aliases().isEmpty()) sb.append(" (also `").append(String.join("`, `", f.aliases())).append("`)");
                sb.append("\n\n").append(f.description()).append("\n\n");
                if (f.spec().options().isEmpty()) {
                    sb.append("No options of its own.\n\n");
                    continue;
                }
                sb.append("| option | type | default | description |\n| --- | --- | --- | --- |\n");
                for (Option<?> o : f.spec().options()) {
                    sb.append("| `").append(o.name()).append("` | ").append(typeOf(o).replace("|", "\\|")).append(" | ")
                            .append(o.isRequired() ? "required" : o.defaultText() == null ? "" : "`" + o.defaultText().replace("|", "\\|") + "`")
                            .append(" | ").append(o.description().replace("|", "\\|").replace("\n", " ")).append(" |\n");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
