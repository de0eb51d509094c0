package org.rispacs.dicom.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomFormatException;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;

/**
 * DICOM Part 10 files under a root folder, one per SOP instance, at
 * {@code <study uid>/<series uid>/<sop instance uid>.dcm}.
 *
 * <p>An incoming object is written into the flat {@code journal} folder; before anyone is told
 * it is stored, it is renamed there to a name carrying its SHA-256 and forced to disk with that
 * folder, so one file-system commit makes it durable. Only then is it linked (a hard link, hence
 * the journal inside the root) into its place in the tree. The journal folder is synced as a group
 * commit ({@link FolderSync}), beside the data, not after it. The journal entry stays until the
 * workflow has recorded the instance: recovery after a crash reads the journal only, so it costs
 * what was pending, not the size of the archive, and the checksum in the name tells an entry
 * written completely from one a crash cut short (never acknowledged, so dropped).
 */
public final class Archive {

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final String PART = ".part";
    private static final String ENTRY = ".dcm";
    /** How much of a data set is kept in memory to read its header from without reading the file back. */
    private static final int HEADER_PREFIX = 64 * 1024;
    /** Longer values (an encapsulated document, private raw data) stay in the file, out of the header. */
    private static final int HEADER_VALUE_KEPT = 64 * 1024;
    private static final int MADE_FOLDERS_KEPT = 10_000;

    private final Path root;
    private final Path journal;
    private final String implementationClassUid;
    private final String implementationVersion;
    /** Archive file → its journal entry, for the instances stored but not yet recorded. */
    private final Map<Path, Path> pending = new ConcurrentHashMap<>();
    /** SOP Instance UID → archive file, for the same instances: found without asking the workflow. */
    private final Map<String, Path> pendingByInstance = new ConcurrentHashMap<>();
    private final FolderSync journalSync;
    private final WriteBuffers writeBuffers = new WriteBuffers();
    /**
     * Series folders this archive has made or found, so that storing into one does not ask the
     * file system again (a failing mkdir and an exception per object otherwise).
     */
    private final Set<Path> madeFolders = ConcurrentHashMap.newKeySet();
    /** Whether {@link #unrecorded()} has read the journal since this archive was opened. */
    private volatile boolean journalRead;

    public Archive(Path root, String implementationClassUid, String implementationVersion) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
        this.journal = Files.createDirectories(this.root.resolve("journal"));
        this.journalSync = new FolderSync(journal);
        this.implementationClassUid = implementationClassUid;
        this.implementationVersion = implementationVersion;
        try (var leftovers = Files.list(journal)) {
            for (Path partial : (Iterable<Path>) leftovers.filter(p -> p.toString().endsWith(PART))::iterator) {
                Files.deleteIfExists(partial);
            }
        }
    }

    public Path root() {
        return root;
    }

    /** The folder of objects being received ({@code *.part}) and of those stored but not yet recorded. */
    public Path journal() {
        return journal;
    }

    /** Starts receiving one object's data set, encoded in {@code transferSyntaxUid}. */
    public Incoming begin(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, String sourceAeTitle)
            throws IOException {
        requireUid(sopClassUid, "SOP Class UID");
        requireUid(sopInstanceUid, "SOP Instance UID");
        return new Incoming(sopClassUid, sopInstanceUid, transferSyntaxUid, sourceAeTitle);
    }

    /** An object being received. Not thread-safe: one association writes it. */
    public final class Incoming {

        private final String sopClassUid;
        private final String sopInstanceUid;
        private final String transferSyntaxUid;
        private final String name = UUID.randomUUID().toString();
        private final Path temporary;
        private final ObjectFileWriter file;
        private final MessageDigest digest;
        private final OutputStream out;
        /** The start of the data set, for its header: parsed from here instead of read back from disk. */
        private final byte[] headerPrefix = new byte[HEADER_PREFIX];
        private long size;

        private Incoming(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, String sourceAeTitle)
                throws IOException {
            this.sopClassUid = sopClassUid;
            this.sopInstanceUid = sopInstanceUid;
            this.transferSyntaxUid = transferSyntaxUid;
            this.temporary = journal.resolve(name + PART);
            this.file = new ObjectFileWriter(temporary, writeBuffers);
            this.digest = sha256();
            this.out = new DigestOutputStream(file, digest);
            DicomWriter writer = new DicomWriter(out);
            writer.writeFileMetaInformation(DicomWriter.createFileMetaInformation(sopClassUid, sopInstanceUid,
                    transferSyntaxUid, implementationClassUid, implementationVersion, sourceAeTitle));
            writer.flush();
        }

        public void write(byte[] fragment) throws IOException {
            write(fragment, 0, fragment.length);
        }

        public void write(byte[] buffer, int offset, int length) throws IOException {
            if (size < HEADER_PREFIX) {
                int kept = (int) Math.min(length, HEADER_PREFIX - size);
                System.arraycopy(buffer, offset, headerPrefix, (int) size, kept);
            }
            out.write(buffer, offset, length);
            size += length;
        }

        /**
         * Makes the object durable, then visible: read back its header, name it by its checksum in
         * the journal, force data and journal folder (one commit), link it into place. A repeated
         * SOP Instance UID keeps the first copy.
         */
        public StoredInstance commit() throws IOException {
            return commit(header -> { });
        }

        /**
         * As {@link #commit()}, once {@code accept} has seen the data set's header: an exception it
         * throws refuses the object, which is then not kept.
         */
        public StoredInstance commit(HeaderCheck accept) throws IOException {
            Attributes header;
            Path target;
            try {
                header = header();
                target = target(header);
                accept.check(header);
            } catch (IOException | RuntimeException refused) {
                // refused (0xC000 and the like): the partial file goes now, not at the next start
                abandon();
                throw refused;
            }
            if (Files.exists(target)) {
                abandon();
                return duplicate(target, header);
            }
            long fileSize = file.size();
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Path entry = journal.resolve(name + "." + sha256 + ENTRY);
            Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE);
            try {
                CompletableFuture<Void> named = journalSync.request();
                file.force();
                file.close();
                FolderSync.await(named);
                linkIntoTree(target, entry);
            } catch (FileAlreadyExistsException raced) {
                // another association stored the same instance meanwhile: theirs is kept
                Files.deleteIfExists(entry);
                return duplicate(target, header);
            } catch (IOException e) {
                Files.deleteIfExists(entry);
                throw e;
            }
            pending.put(target, entry);
            pendingByInstance.put(sopInstanceUid, target);
            return new StoredInstance(target, sopClassUid, sopInstanceUid, transferSyntaxUid, fileSize, sha256, header,
                    false);
        }

        /** Where the object belongs, once its data set is known to be the instance the command named. */
        private Path target(Attributes header) throws IOException {
            String datasetInstanceUid = header.getString(Tags.SOPInstanceUID);
            if (datasetInstanceUid != null && !datasetInstanceUid.equals(sopInstanceUid)) {
                throw new InstanceMismatchException("the data set's SOP Instance UID " + datasetInstanceUid
                        + " differs from the command's " + sopInstanceUid);
            }
            String datasetClassUid = header.getString(Tags.SOPClassUID);
            if (datasetClassUid != null && !datasetClassUid.equals(sopClassUid)) {
                throw new SopClassMismatchException("the data set's SOP Class UID " + datasetClassUid
                        + " differs from the command's " + sopClassUid);
            }
            String study = header.getString(Tags.StudyInstanceUID);
            String series = header.getString(Tags.SeriesInstanceUID);
            requireUid(study, "Study Instance UID");
            requireUid(series, "Series Instance UID");
            return root.resolve(study).resolve(series).resolve(sopInstanceUid + ".dcm");
        }

        private StoredInstance duplicate(Path target, Attributes header) throws IOException {
            return new StoredInstance(target, sopClassUid, sopInstanceUid, transferSyntaxUid, Files.size(target),
                    checksum(target), header, true);
        }

        /**
         * The data set's attributes but its pixel data and bulk values, read to its very end: an
         * object that does not parse whole (cut short, a broken fragment structure) is refused
         * here, before anything is acknowledged. Parsed from the part kept in memory when that is
         * the whole data set, otherwise from the file, skipping over pixel data and bulk values.
         */
        private Attributes header() throws IOException {
            TransferSyntax syntax = TransferSyntax.forUid(transferSyntaxUid)
                    .orElseThrow(() -> new DicomFormatException("unsupported transfer syntax " + transferSyntaxUid));
            if (size <= HEADER_PREFIX) {
                try (DicomReader reader = new DicomReader(new ByteArrayInputStream(headerPrefix, 0, (int) size))) {
                    return headerReader(reader).readDataset(syntax);
                }
            }
            file.flush();
            try (DicomReader reader = new DicomReader(Files.newInputStream(temporary))) {
                reader.readFileMetaInformation();
                return headerReader(reader).readDataset(syntax);
            }
        }

        public void abandon() {
            try {
                file.close();
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the journal's partial files are removed at the next start
            }
        }

        public long size() {
            return size;
        }
    }

    /** Links a journal entry into its series folder, made first unless this archive made it already. */
    private void linkIntoTree(Path target, Path entry) throws IOException {
        Path folder = target.getParent();
        if (!madeFolders.contains(folder)) {
            Files.createDirectories(folder);
            if (madeFolders.size() >= MADE_FOLDERS_KEPT) {
                madeFolders.clear();
            }
            madeFolders.add(folder);
        }
        try {
            Files.createLink(target, entry);
        } catch (NoSuchFileException folderRemoved) {
            Files.createDirectories(folder);
            Files.createLink(target, entry);
        }
    }

    /** The workflow has recorded the instance: its journal entry goes. */
    public void markRecorded(StoredInstance instance) {
        markRecorded(List.of(instance));
    }

    /**
     * The workflow has recorded these instances: their places in the tree are made durable (their
     * folders forced, once each), then their journal entries go.
     */
    public void markRecorded(Collection<StoredInstance> instances) {
        Set<Path> folders = new LinkedHashSet<>();
        for (StoredInstance instance : instances) {
            Path series = instance.path().getParent();
            folders.add(series);
            folders.add(series.getParent());
        }
        folders.add(root);
        folders.forEach(Archive::forceFolder);
        for (StoredInstance instance : instances) {
            Path entry = pending.remove(instance.path());
            pendingByInstance.remove(instance.sopInstanceUid(), instance.path());
            try {
                if (entry != null) {
                    Files.deleteIfExists(entry);
                }
            } catch (IOException e) {
                // an entry left behind only makes the next start record the instance again, which changes nothing
            }
        }
    }

    /**
     * Instances stored (and acknowledged) but not yet recorded by the workflow: after a crash
     * between the C-STORE response and the end of the association. Reads the journal only; an
     * entry whose content does not match its checksum was cut short by a crash before it was
     * acknowledged, and is dropped.
     */
    public synchronized List<StoredInstance> unrecorded() throws IOException {
        List<StoredInstance> found = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> paths = Files.list(journal)) {
            entries = paths.filter(p -> p.getFileName().toString().endsWith(ENTRY)).sorted().toList();
        }
        for (Path entry : entries) {
            String[] parts = entry.getFileName().toString().split("\\.");
            String sha256 = checksum(entry);
            if (parts.length != 3 || !parts[1].equals(sha256)) {
                Files.deleteIfExists(entry);
                continue;
            }
            Attributes meta;
            try (DicomReader reader = new DicomReader(Files.newInputStream(entry))) {
                meta = reader.readFileMetaInformation();
            }
            Attributes header = readHeader(entry);
            String sopInstanceUid = meta.getString(Tags.MediaStorageSOPInstanceUID);
            Path target = root.resolve(header.getString(Tags.StudyInstanceUID))
                    .resolve(header.getString(Tags.SeriesInstanceUID)).resolve(sopInstanceUid + ".dcm");
            if (!Files.exists(target)) {
                linkIntoTree(target, entry);
            } else if (!Files.isSameFile(target, entry)) {
                Files.deleteIfExists(entry);
                continue;
            }
            pending.put(target, entry);
            pendingByInstance.put(sopInstanceUid, target);
            found.add(new StoredInstance(target, meta.getString(Tags.MediaStorageSOPClassUID), sopInstanceUid,
                    meta.getString(Tags.TransferSyntaxUID), Files.size(entry), sha256, header, false));
        }
        journalRead = true;
        return found;
    }

    /**
     * Where the archive holds a SOP instance, if it does, without scanning the tree: an instance
     * not yet recorded is in the journal, which this archive read at its start ({@link #unrecorded()})
     * and has kept up since; a recorded one is where {@code recorded} (derived from the workflow's
     * events) says its series is. The journal is asked first: an instance leaves it only once the
     * workflow has recorded it. Only a file that is actually there is returned.
     *
     * @throws IllegalStateException before the start's recovery has read the journal: ask again later
     */
    public Optional<Path> find(String sopInstanceUid, RecordedLocations recorded) {
        if (!journalRead) {
            throw new IllegalStateException("the archive journal has not been read since the start yet");
        }
        if (!isUid(sopInstanceUid)) {
            return Optional.empty();
        }
        Path unrecorded = pendingByInstance.get(sopInstanceUid);
        if (unrecorded != null && Files.isRegularFile(unrecorded)) {
            return Optional.of(unrecorded);
        }
        return recorded.seriesOf(sopInstanceUid)
                .filter(location -> isUid(location.studyInstanceUid()) && isUid(location.seriesInstanceUid()))
                .map(location -> root.resolve(location.studyInstanceUid()).resolve(location.seriesInstanceUid())
                        .resolve(sopInstanceUid + ENTRY))
                .filter(Files::isRegularFile);
    }

    /** A check of an incoming object's header before it is kept; throws to refuse it. */
    @FunctionalInterface
    public interface HeaderCheck {
        void check(Attributes header) throws IOException;
    }

    /**
     * The file of an instance in the tree, by its study, series and SOP Instance UIDs (as a read
     * model lists them), if the UIDs are well formed and the file is there.
     */
    public Optional<Path> locate(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        if (!isUid(studyInstanceUid) || !isUid(seriesInstanceUid) || !isUid(sopInstanceUid)) {
            return Optional.empty();
        }
        Path file = root.resolve(studyInstanceUid).resolve(seriesInstanceUid).resolve(sopInstanceUid + ENTRY);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * The files of a series in the tree ({@code seriesInstanceUid} given) or of every series of a
     * study, in name order; none if the UIDs are malformed or nothing is there.
     */
    public List<Path> files(String studyInstanceUid, String seriesInstanceUid) throws IOException {
        if (!isUid(studyInstanceUid) || (seriesInstanceUid != null && !isUid(seriesInstanceUid))) {
            return List.of();
        }
        Path study = root.resolve(studyInstanceUid);
        List<Path> folders = new ArrayList<>();
        if (seriesInstanceUid != null) {
            folders.add(study.resolve(seriesInstanceUid));
        } else if (Files.isDirectory(study)) {
            try (Stream<Path> series = Files.list(study)) {
                series.filter(Files::isDirectory).sorted().forEach(folders::add);
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> entries = Files.list(folder)) {
                    entries.filter(p -> p.getFileName().toString().endsWith(ENTRY)).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    /** Whether a stored file still waits for the workflow to record it. */
    public boolean isUnrecorded(Path file) {
        return pending.containsKey(file);
    }

    /** The calling AE title that sent a stored file (from its File Meta Information). */
    public static String sourceAeTitle(Path file) throws IOException {
        try (DicomReader reader = new DicomReader(Files.newInputStream(file))) {
            return reader.readFileMetaInformation().getString(Tags.SourceApplicationEntityTitle);
        }
    }

    /** The header of a stored file: its data set without pixel data and bulk values. */
    public static Attributes readHeader(Path file) throws IOException {
        try (DicomReader reader = new DicomReader(Files.newInputStream(file))) {
            reader.readFileMetaInformation();
            return headerReader(reader).readDataset();
        }
    }

    private static DicomReader headerReader(DicomReader reader) {
        return reader.includePixelData(false).skipValuesLongerThan(HEADER_VALUE_KEPT);
    }

    /** SHA-256 of a file's bytes, to verify a stored instance (storage commitment). */
    public static String checksum(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[256 * 1024];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void forceFolder(Path folder) {
        try {
            FolderSync.force(folder);
        } catch (IOException notSupported) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }

    private static boolean isUid(String uid) {
        return uid != null && uid.length() <= 64 && UID.matcher(uid).matches();
    }

    private static void requireUid(String uid, String what) throws IOException {
        if (!isUid(uid)) {
            throw new InstanceMismatchException(what + " '" + uid + "' is not a valid UID");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
