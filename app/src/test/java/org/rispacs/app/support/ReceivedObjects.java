package org.rispacs.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** What a retrieve's destination received: its files, and their pixel data as dcmtk reads it. */
public final class ReceivedObjects {

    private ReceivedObjects() {
    }

    /** The files in the folder, sorted; none yet is an empty list. */
    public static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pixel data's items (one for native data, the fragments for encapsulated), hex, as dcmdump +W writes them. */
    public static List<String> pixelData(Path file, Path scratch) throws Exception {
        Path out = Files.createTempDirectory(scratch, "raw");
        DcmtkTools.run("dcmdump", "+W", out.toString(), file.toString());
        List<String> items = new ArrayList<>();
        for (int item = 0; Files.exists(out.resolve(file.getFileName() + "." + item + ".raw")); item++) {
            items.add(HexFormat.of().formatHex(Files.readAllBytes(out.resolve(file.getFileName() + "." + item
                    + ".raw"))));
        }
        assertThat(items).as("pixel data of " + file).isNotEmpty();
        return items;
    }
}
