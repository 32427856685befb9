package dev.widescan.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way every command writes a file it was asked to write ({@code scan -o}, {@code --stats-json},
 * {@code ingest -o}, {@code gen -o} and its sidecar, {@code tune -o} and {@code --chart}).
 *
 * <p>Why: a report or an event file that exists must be complete. So the bytes go to a temporary file
 * in the target's folder ({@code .NAME.RANDOM.tmp}; same file system, so the final rename is atomic),
 * which is flushed, fsync'ed and renamed over the target only by {@link #commit}. A crash, a kill or an
 * error before that leaves the previous file (or none) and {@link #close} removes the temporary one.
 * A target that is a symbolic link is resolved first, so the link stays and its target is replaced.
 *
 * <p>Refused before anything is written (exit 2): a target that is one of the command's inputs (compared
 * with {@link Files#isSameFile}, so a symbolic or hard link to an input is caught) and a target that is
 * a folder. A target that exists and is neither a regular file nor a folder (a FIFO, {@code /dev/null},
 * a terminal) is written through in place, never deleted or replaced, when the command writes a stream;
 * a command that needs a regular file (an event file) refuses it.
 *
 * <p>Every I/O failure on the output becomes an {@link OutputException} naming the target (exit 4).
 */
public final class AtomicOutput implements AutoCloseable {
    /**
     * {@code -Dwidescan.output.fsync=false} skips the fsync before the rename: the output is still never
     * seen half-written after a process kill (the page cache survives it), only an OS crash or power loss
     * could then leave it incomplete. For test suites that write thousands of small outputs.
     */
    static final String FSYNC_PROPERTY = "widescan.output.fsync";

    private final Path target;
    private final Path temp;
    private final String option;
    private OutputStream stream;
    private boolean committed;

    /**
     * Temporary files neither renamed nor removed yet. A JVM stopped by Ctrl-C or SIGTERM runs no
     * {@link #close}, so a shutdown hook deletes them: an interrupted {@code gen} or {@code ingest} used to
     * leave its hidden temporary file behind, gigabytes of it. (Only {@code kill -9} still leaves one.)
     */
    private static final Set<Path> UNFINISHED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean CLEANUP_HOOK = new AtomicBoolean();

    private AtomicOutput(Path target, Path temp, String option) {
        this.target = target;
        this.temp = temp;
        this.option = option;
        if (temp != null) {
            UNFINISHED.add(temp);
            if (CLEANUP_HOOK.compareAndSet(false, true)) {
                Runtime.getRuntime().addShutdownHook(new Thread(AtomicOutput::removeUnfinished, "widescan-output-cleanup"));
            }
        }
    }

    /** The shutdown hook: the targets keep their previous content (or stay absent), as after any failure. */
    private static void removeUnfinished() {
        for (Path p : UNFINISHED) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // the JVM is stopping: nothing more can be done; the name says it is temporary
            }
        }
    }

    /**
     * Prepares writing {@code requested} (named by {@code option} in messages, e.g. "-o"). Refuses it when
     * it is a folder or the same file as one of {@code inputs} (missing inputs are ignored). A target that
     * is a device or FIFO is returned as a write-through output when {@code streamOnly}, refused otherwise.
     */
    public static AtomicOutput prepare(Path requested, String option, Collection<Path> inputs, boolean streamOnly) {
        if (requested.toString().equals("-")) {
            // '-' is standard input/output by Unix convention (ingest reads '-' as stdin): never a file named '-'
            throw new UsageException(option + " -: '-' (standard output) is not an output " + option + " can write;"
                    + " name a file (./- for a file called '-')");
        }
        Path target = resolveLinks(requested, option);
        refuseInputs(requested, target, option, inputs);
        if (Files.exists(target)) {
            if (Files.isDirectory(target)) {
                throw new UsageException(option + " " + requested + ": is a folder, not a file");
            }
            if (!Files.isRegularFile(target)) {
                if (!streamOnly) {
                    throw new UsageException(option + " " + requested + ": is a " + kind(target)
                            + ", not a regular file; an event file needs a regular file");
                }
                return new AtomicOutput(target, null, option);
            }
        }
        Path folder = target.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new OutputException(option + " " + requested + ": folder " + folder
                    + (folder != null && Files.exists(folder) ? " is not a folder" : " does not exist"));
        }
        String name = "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp";
        return new AtomicOutput(target, folder.resolve(name), option);
    }

    private static Path resolveLinks(Path requested, String option) {
        try {
            Path p = requested;
            for (int hops = 0; Files.isSymbolicLink(p); hops++) {
                if (hops > 40) {
                    throw new UsageException(option + " " + requested + ": too many levels of symbolic links");
                }
                Path link = Files.readSymbolicLink(p);
                Path parent = p.toAbsolutePath().getParent();
                p = parent == null ? link : parent.resolve(link);
            }
            return p;
        } catch (IOException e) {
            throw new OutputException(option + " " + requested + ": " + describe(e), e);
        }
    }

    private static void refuseInputs(Path requested, Path target, String option, Collection<Path> inputs) {
        if (!Files.exists(target)) {
            return;
        }
        Object targetKey = fileKey(target);
        for (Path in : inputs) {
            try {
                // one stat an input (a scan may name 100,000s): device and inode compared; isSameFile where there are none
                Object key = targetKey != null ? fileKey(in) : null;
                if (key != null ? key.equals(targetKey) : Files.exists(in) && Files.isSameFile(in, target)) {
                    throw new UsageException(option + " " + requested + " is the input " + in
                            + ": refusing to overwrite an input (write to another file)");
                }
            } catch (IOException e) {
                // an input that cannot be compared is checked again when it is read
            }
        }
    }

    /** {@code p}'s device and inode (links followed); null where the file system has none or {@code p} cannot be read. */
    private static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Refuses two outputs of one command that name the same file ({@code scan -o} and {@code --stats-json},
     * {@code tune -o} and {@code --chart}): both would be written, and the second rename would silently
     * replace the first. Compared after symbolic links (of the file and of its folder) are resolved, and
     * with {@link Files#isSameFile} when both exist (hard links); a device or FIFO is written through, not
     * replaced, so two outputs may share one. Either may be null (not asked for).
     */
    public static void refuseSameFile(Path a, String optionA, Path b, String optionB) {
        if (a == null || b == null) {
            return;
        }
        Path ra = canonical(resolveLinks(a, optionA));
        Path rb = canonical(resolveLinks(b, optionB));
        boolean same = ra.equals(rb);
        if (!same && Files.isRegularFile(ra) && Files.isRegularFile(rb)) {
            try {
                same = Files.isSameFile(ra, rb);
            } catch (IOException e) {
                // cannot be compared: each is checked again when it is written
            }
        }
        if (same && (!Files.exists(ra) || Files.isRegularFile(ra))) {
            throw new UsageException(optionA + " and " + optionB + " name the same file " + a
                    + (a.equals(b) ? "" : " (" + optionB + " " + b + ")") + ": give two files");
        }
    }

    /** {@code p} absolute, with its folder's symbolic links resolved when the folder exists. */
    private static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path folder = abs.getParent();
        try {
            return folder == null || abs.getFileName() == null ? abs : folder.toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            return abs;
        }
    }

    /** What a non-regular file is, for messages: "FIFO", "device", "socket" or "special file". */
    public static String kind(Path p) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int type = ((Integer) mode) & 0170000;
            return switch (type) {
                case 0010000 -> "FIFO (named pipe)";
                case 0020000 -> "character device";
                case 0060000 -> "block device";
                case 0140000 -> "socket";
                default -> "special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class);
            } catch (IOException ex) {
                return "special file";
            }
            return a.isOther() ? "special file (device, FIFO or socket)" : "special file";
        }
    }

    /** The file to write: the temporary file, or the target itself when it is written through. */
    public Path path() {
        return temp == null ? target : temp;
    }

    public Path target() {
        return target;
    }

    /** A buffered stream over {@link #path}; its failures are {@link OutputException}s naming the target. */
    public OutputStream stream() {
        if (stream == null) {
            try {
                OutputStream raw = temp == null
                        ? Files.newOutputStream(target, StandardOpenOption.WRITE)
                        : Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                stream = new BufferedOutputStream(guard(raw, option + " " + target), 1 << 16);
            } catch (IOException e) {
                throw failure(e);
            }
        }
        return stream;
    }

    /**
     * Flushes, fsyncs and renames the temporary file over the target: from here on the target holds the
     * new content, complete. A writer that wrote {@link #path} itself must have closed it first.
     */
    public void commit() {
        try {
            if (stream != null) {
                stream.close();
            }
            boolean fsync = !"false".equals(System.getProperty(FSYNC_PROPERTY));
            if (temp != null) {
                if (fsync) {
                    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (fsync) {
                    syncFolder(target.toAbsolutePath().getParent());
                }
            }
            committed = true;
            if (temp != null) {
                UNFINISHED.remove(temp);
            }
        } catch (NoSuchFileException e) {
            throw new OutputException(option + " " + target + ": temporary file " + temp + " vanished before it was renamed", e);
        } catch (OutputException e) {
            throw e;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private static void syncFolder(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system lets a folder be synced; the rename itself is already atomic
        }
    }

    /** Removes the temporary file unless {@link #commit} ran: the target keeps its previous content. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException | OutputException e) {
                // the output is abandoned anyway
            }
        }
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // nothing more can be done; the name says it is temporary
            }
            UNFINISHED.remove(temp);
        }
    }

    private OutputException failure(IOException e) {
        return new OutputException("cannot write " + option + " " + target + ": " + describe(e), e);
    }

    static String describe(IOException e) {
        return dev.widescan.format.IoMessages.describe(e);
    }

    /**
     * Standard output ({@link System#out} as it is now, so tests can replace it) as a stream whose write
     * errors are {@link OutputException}s: {@link java.io.PrintStream} swallows them and only raises a
     * flag, which is checked after every write (callers write through a 64 KiB buffer, so that is rare).
     */
    public static OutputStream stdout() {
        java.io.PrintStream ps = System.out;
        return new FilterOutputStream(ps) {
            @Override
            public void write(byte[] b, int off, int len) {
                ps.write(b, off, len);
                check();
            }

            @Override
            public void write(int b) {
                ps.write(b);
                check();
            }

            @Override
            public void flush() {
                ps.flush();
                check();
            }

            @Override
            public void close() {
                flush(); // never closes standard output
            }

            private void check() {
                if (ps.checkError()) {
                    throw new OutputException("cannot write standard output (disk full, closed pipe or /dev/full?)");
                }
            }
        };
    }

    /** {@code out} with every IOException turned into an OutputException naming {@code what}. */
    public static OutputStream guard(OutputStream out, String what) {
        return new Guarded(out, what);
    }

    private static final class Guarded extends FilterOutputStream {
        private final String what;

        Guarded(OutputStream out, String what) {
            super(out);
            this.what = what;
        }

        @Override
        public void write(int b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw fail(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw fail(e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw fail(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw fail(e);
            }
        }

        private OutputException fail(IOException e) {
            return new OutputException("cannot write " + what + ": " + describe(e), e);
        }
    }
}
