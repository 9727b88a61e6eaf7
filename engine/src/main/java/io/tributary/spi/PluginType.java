package io.tributary.spi;

/** The three kinds of plugin a config section can name. */
public enum PluginType {
    INPUT("[INPUT]"), FILTER("[FILTER]"), OUTPUT("[OUTPUT]");

    private final String section;

    PluginType(String section) { this.section = section; }

    /** The classic-format section header, used in error messages. */
    public String section() { return section; }
}
