package org.rispacs.app.readmodel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The few operating-system user operations needed to run a child process as another user. */
final class ProcessUsers {

    private ProcessUsers() {
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static void ensureSystemUser(String user) throws IOException {
        if (run(List.of("id", "-u", user)) == 0) {
            return;
        }
        int status = run(List.of("useradd", "--system", "--user-group", "--no-create-home",
                "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", user));
        if (status != 0 && run(List.of("id", "-u", user)) != 0) {
            throw new IOException("cannot create system user '" + user + "' (useradd exited with " + status + ")");
        }
    }

    /**
     * Every folder above {@code dir} must let others through, or the child process cannot reach
     * its own files; say so plainly instead of letting Elasticsearch fail with a stack trace.
     */
    static void requireTraversable(Path dir, String user) throws IOException {
        for (Path folder = dir.getParent(); folder != null; folder = folder.getParent()) {
            Set<PosixFilePermission> modes = Files.getPosixFilePermissions(folder);
            if (!modes.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("user '" + user + "' cannot reach " + dir + " because " + folder
                        + " is not searchable by others; choose a work folder outside it");
            }
        }
    }

    static boolean isTraversableByOthers(Path dir) {
        try {
            for (Path folder = dir.toAbsolutePath().normalize(); folder != null; folder = folder.getParent()) {
                if (Files.exists(folder)
                        && !Files.getPosixFilePermissions(folder).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void chownRecursively(Path dir, String user) throws IOException {
        int status = run(List.of("chown", "-R", user + ":" + user, dir.toString()));
        if (status != 0) {
            throw new IOException("chown of " + dir + " to " + user + " exited with " + status);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static int run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status != 0 && !command.get(0).equals("id")) {
                System.getLogger(ProcessUsers.class.getName())
                        .log(System.Logger.Level.WARNING, String.join(" ", command) + ": " + output.strip());
            }
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }
}
