package io.tributary.cli;

import io.tributary.config.ConfigEntry;
import io.tributary.config.ConfigSection;
import io.tributary.log.LogLevel;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed command line. Nothing here has been checked against plugins yet; {@link CommandLine#toDocument}
 * merges it with the {@code -c} file into the one config the engine validates.
 *
 * @param configFile     {@code -c FILE}
 * @param sections       sections built from {@code -i}, {@code -F}, {@code -o}, {@code -C}, in command-line order,
 *                       each with its {@code Name} and the {@code -p}, {@code -t}, {@code -m} that followed it;
 *                       every location is {@link io.tributary.spi.Location#COMMAND_LINE}
 * @param serviceEntries {@code [SERVICE]} keys set by flags, in order: {@code Flush} (-f), {@code HTTP_Server}
 *                       (-H), {@code HTTP_Listen} (-L), {@code HTTP_Port} (-P), {@code Parsers_File} (-R),
 *                       {@code Log_File} (-l), {@code storage.path} (-b), {@code Hot_Reload} (-Y)
 * @param logLevel       from {@code -v} (debug), {@code -vv} (trace), {@code -q} (off), applied in order as Fluent
 *                       Bit does ({@code -q -v} is error); empty when none was given
 * @param dryRun         {@code -D}: validate and exit
 * @param version        {@code -V}: print the version and exit
 * @param help           {@code -h}; arguments after it were not read, as in Fluent Bit, which prints help at once
 * @param notes          flags accepted but ignored, each with why, for the engine to log at info level
 */
public record CliOptions(Optional<Path> configFile,
                         List<ConfigSection> sections,
                         List<ConfigEntry> serviceEntries,
                         Optional<LogLevel> logLevel,
                         boolean dryRun,
                         boolean version,
                         Optional<HelpRequest> help,
                         List<String> notes) {
    public CliOptions {
        sections = List.copyOf(sections);
        serviceEntries = List.copyOf(serviceEntries);
        notes = List.copyOf(notes);
    }
}
