package org.rispacs.app.dicomweb;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The DICOM JSON of instances already served, so that a viewer opening a study again, or each of
 * its series, does not parse every file's header again. Stored objects never change in place, so
 * an entry stays right as long as the identity it was coerced to; bounded by size, least recently
 * used first out.
 */
@Component
class MetadataCache {

    static final long MAX_BYTES = 128L * 1024 * 1024;

    /** What an instance's metadata depends on: its file, the identity it is served with, and the URL root. */
    record Key(String file, Object identity, String root) {
    }

    @FunctionalInterface
    interface Loader {
        byte[] load() throws IOException;
    }

    private final Map<Key, byte[]> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    byte[] get(Key key, Loader loader) throws IOException {
        synchronized (this) {
            byte[] cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        byte[] loaded = loader.load();
        synchronized (this) {
            byte[] previous = entries.put(key, loaded);
            bytes += loaded.length - (previous == null ? 0 : previous.length);
            var eldest = entries.entrySet().iterator();
            while (bytes > MAX_BYTES && eldest.hasNext()) {
                bytes -= eldest.next().getValue().length;
                eldest.remove();
            }
        }
        return loaded;
    }
}
