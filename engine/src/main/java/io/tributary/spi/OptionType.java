package io.tributary.spi;

/** The value types an option can have; each converts the config text in {@link OptionValues}. */
public enum OptionType {
    STRING("string"), INT("integer"), DOUBLE("number"), SIZE("size"), TIME("time"), BOOL("bool"),
    LIST("list"), ENUM("enum"), SECRET("secret");

    private final String label;

    OptionType(String label) { this.label = label; }

    /** The type as the help text and the README table show it. */
    public String label() { return label; }
}
