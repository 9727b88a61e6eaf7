package io.tributary.dist;

import io.tributary.cli.ReferenceDoc;
import io.tributary.engine.PluginCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's option tables are generated from the code; this fails when someone forgot to regenerate them. */
class ReadmeReferenceIT {
    @Test
    void readmePluginReferenceMatchesTheOptionDeclarations() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        assertEquals(ReferenceDoc.updated(text, PluginCatalog.load()), text,
                "README.md plugin reference is out of date: run scripts/update-options-reference.sh");
    }
}
