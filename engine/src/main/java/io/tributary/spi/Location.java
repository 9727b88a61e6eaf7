package io.tributary.spi;

/** Where a config value came from: a file and a line, or the command line. */
public record Location(String file, int line) {
    public static final Location COMMAND_LINE = new Location("command line", 0);
    public static final Location BUILT_IN = new Location("built-in", 0);

    @Override public String toString() { return line > 0 ? file + ":" + line : file; }
}
