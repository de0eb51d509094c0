package org.rispacs.dicom.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;

/**
 * DICOM Part 10 files under a root folder, one per SOP instance, at
 * {@code <study uid>/<series uid>/<sop instance uid>.dcm}. An incoming object is written to a
 * temporary file, forced to disk, and renamed atomically into place before anyone is told it
 * is stored: a crash or an aborted transfer leaves no partial file where files are expected.
 */
public final class Archive {

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final String UNRECORDED = ".unrecorded";

    private final Path root;
    private final Path incoming;
    private final String implementationClassUid;
    private final String implementationVersion;

    public Archive(Path root, String implementationClassUid, String implementationVersion) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
        this.incoming = Files.createDirectories(this.root.resolve("incoming"));
        this.implementationClassUid = implementationClassUid;
        this.implementationVersion = implementationVersion;
        try (var leftovers = Files.list(incoming)) {
            for (Path partial : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(partial);
            }
        }
    }

    public Path root() {
        return root;
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
        private final Path temporary;
        private final FileChannel channel;
        private final MessageDigest digest;
        private final OutputStream out;
        private long size;

        private Incoming(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, String sourceAeTitle)
                throws IOException {
            this.sopClassUid = sopClassUid;
            this.sopInstanceUid = sopInstanceUid;
            this.transferSyntaxUid = transferSyntaxUid;
            this.temporary = incoming.resolve(UUID.randomUUID() + ".part");
            this.channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.digest = sha256();
            this.out = new DigestOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024),
                    digest);
            DicomWriter writer = new DicomWriter(out);
            writer.writeFileMetaInformation(DicomWriter.createFileMetaInformation(sopClassUid, sopInstanceUid,
                    transferSyntaxUid, implementationClassUid, implementationVersion, sourceAeTitle));
            writer.flush();
        }

        public void write(byte[] fragment) throws IOException {
            out.write(fragment);
            size += fragment.length;
        }

        /**
         * Makes the object durable and visible: flush, fsync, read back its header, rename into
         * place, fsync the folder. A repeated SOP Instance UID keeps the first copy.
         */
        public StoredInstance commit() throws IOException {
            out.flush();
            // fdatasync: the data and the size needed to read it back; the rename is made durable below
            channel.force(false);
            channel.close();
            long fileSize = Files.size(temporary);
            Attributes header = readHeader(temporary);
            String datasetInstanceUid = header.getString(Tags.SOPInstanceUID);
            if (datasetInstanceUid != null && !datasetInstanceUid.equals(sopInstanceUid)) {
                abandon();
                throw new InstanceMismatchException("the data set's SOP Instance UID " + datasetInstanceUid
                        + " differs from the command's " + sopInstanceUid);
            }
            String study = header.getString(Tags.StudyInstanceUID);
            String series = header.getString(Tags.SeriesInstanceUID);
            requireUid(study, "Study Instance UID");
            requireUid(series, "Series Instance UID");
            Path folder = Files.createDirectories(root.resolve(study).resolve(series));
            Path target = folder.resolve(sopInstanceUid + ".dcm");
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (Files.exists(target)) {
                Files.deleteIfExists(temporary);
                return new StoredInstance(target, sopClassUid, sopInstanceUid, transferSyntaxUid, Files.size(target),
                        checksum(target), header, true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.deleteIfExists(temporary);
                throw new IOException("cannot move " + sopInstanceUid + " into place atomically", e);
            }
            // made durable by the same folder sync as the rename: until the workflow has recorded
            // the instance, the marker says so, and survives a crash
            Files.createFile(unrecordedMarker(target));
            forceFolder(folder);
            return new StoredInstance(target, sopClassUid, sopInstanceUid, transferSyntaxUid, fileSize, sha256, header,
                    false);
        }

        public void abandon() {
            try {
                channel.close();
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the incoming folder is emptied at the next start
            }
        }

        public long size() {
            return size;
        }
    }

    /** The workflow has recorded the instance: its unrecorded marker goes. */
    public void markRecorded(StoredInstance instance) {
        try {
            Files.deleteIfExists(unrecordedMarker(instance.path()));
        } catch (IOException e) {
            // a marker left behind only makes the next start record the instance again, which changes nothing
        }
    }

    /**
     * Instances stored (and acknowledged) but not yet recorded by the workflow: after a crash
     * between the C-STORE response and the end of the association. Walks the archive.
     */
    public List<StoredInstance> unrecorded() throws IOException {
        List<StoredInstance> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path marker : (Iterable<Path>) paths.filter(p -> p.toString().endsWith(UNRECORDED))::iterator) {
                Path file = marker.resolveSibling(marker.getFileName().toString().replace(UNRECORDED, ""));
                if (!Files.isRegularFile(file)) {
                    Files.deleteIfExists(marker);
                    continue;
                }
                Attributes meta;
                try (DicomReader reader = new DicomReader(Files.newInputStream(file))) {
                    meta = reader.readFileMetaInformation();
                }
                found.add(new StoredInstance(file, meta.getString(Tags.MediaStorageSOPClassUID),
                        meta.getString(Tags.MediaStorageSOPInstanceUID), meta.getString(Tags.TransferSyntaxUID),
                        Files.size(file), checksum(file), readHeader(file), false));
            }
        }
        return found;
    }

    /**
     * Where the archive holds a SOP instance, if it does: looks in each series folder, so it costs
     * a directory lookup per series held.
     */
    public Optional<Path> find(String sopInstanceUid) throws IOException {
        if (sopInstanceUid == null || !UID.matcher(sopInstanceUid).matches()) {
            return Optional.empty();
        }
        String name = sopInstanceUid + ".dcm";
        try (Stream<Path> studies = Files.list(root)) {
            for (Path study : (Iterable<Path>) studies.filter(Files::isDirectory)::iterator) {
                if (study.equals(incoming)) {
                    continue;
                }
                try (Stream<Path> series = Files.list(study)) {
                    for (Path folder : (Iterable<Path>) series.filter(Files::isDirectory)::iterator) {
                        Path file = folder.resolve(name);
                        if (Files.isRegularFile(file)) {
                            return Optional.of(file);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a stored file still waits for the workflow to record it. */
    public static boolean isUnrecorded(Path file) {
        return Files.exists(unrecordedMarker(file));
    }

    /** The calling AE title that sent a stored file (from its File Meta Information). */
    public static String sourceAeTitle(Path file) throws IOException {
        try (DicomReader reader = new DicomReader(Files.newInputStream(file))) {
            return reader.readFileMetaInformation().getString(Tags.SourceApplicationEntityTitle);
        }
    }

    private static Path unrecordedMarker(Path file) {
        return file.resolveSibling(file.getFileName() + UNRECORDED);
    }

    /** The header of a stored file, without pixel data. */
    public static Attributes readHeader(Path file) throws IOException {
        try (DicomReader reader = new DicomReader(Files.newInputStream(file))) {
            reader.readFileMetaInformation();
            return reader.includePixelData(false).readDataset(Tags.PixelData);
        }
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
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException notSupported) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }

    private static void requireUid(String uid, String what) throws IOException {
        if (uid == null || uid.length() > 64 || !UID.matcher(uid).matches()) {
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
