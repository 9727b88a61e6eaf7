package io.tributary.config;

/**
 * A loaded config and the variables it was expanded with, so that values from elsewhere (command-line
 * {@code -p key=${VAR}}) can be expanded the same way.
 */
public record LoadedConfig(ConfigDocument document, Variables variables) {}
