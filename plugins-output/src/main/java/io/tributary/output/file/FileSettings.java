package io.tributary.output.file;

import java.nio.file.Path;

record FileSettings(Path directory, String file, boolean mkdir, String format, String delimiter,
                    String labelDelimiter, String template, boolean csvColumnNames) {}
