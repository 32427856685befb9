package dev.widescan.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.format.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QA session 14 (docs/QA-BAD-INPUT.md): files changed between the scan's open and its read of them, through
 * {@link Archive#mapped} and {@link Archive#mappedConfined} (read into memory when small, mapped when large).
 */
class ChangedFileSweep14Test {
    @TempDir
    Path dir;

    private Path file(String name, int records) throws IOException {
        Path p = dir.resolve(name);
        try (EventFileWriter w = EventFileWriter.create(p, 64)) {
            for (int r = 0; r < records; r++) {
                w.append(new EventRecord().set(Field.CommandLine, "cmd /c whoami " + r).set(Field.EventID, "1"));
            }
        }
        return p;
    }

    /** A FIFO put where an opened file was: opening it waited for a writer for ever, and the scan hung. */
    @Test
    void aFileReplacedByAFifoIsNamedAsChangedWithoutWaiting() throws Exception {
        Path p = file("a.wsev", 10);
        try (Archive archive = Archive.open(List.of(p))) {
            Files.delete(p);
            Process mkfifo = new ProcessBuilder("mkfifo", p.toString()).start();
            assertTrue(mkfifo.waitFor() == 0, "mkfifo");
            for (boolean confined : new boolean[] {true, false}) {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                Thread t = Thread.ofPlatform().daemon().start(() -> {
                    try {
                        if (confined) {
                            archive.mappedConfined(0);
                        } else {
                            archive.mapped(0);
                        }
                    } catch (Throwable e) {
                        thrown.set(e);
                    }
                });
                joinOrUnblock(t, p);
                assertTrue(thrown.get() instanceof FormatException, String.valueOf(thrown.get()));
                assertTrue(thrown.get().getMessage().startsWith(p + ": the file changed while scanning (it is now a device, FIFO or socket"),
                        thrown.get().getMessage());
            }
        }
    }

    /**
     * A FIFO put at a path between the folder's walk ({@link Archive#find}) and the open of the file: the open
     * waited for a writer for ever (a scan of many files opens the last seconds after the walk found it).
     */
    @Test
    void aFileReplacedByAFifoAfterTheWalkIsNamedWithoutWaiting() throws Exception {
        Path p = file("a.wsev", 10);
        file("b.wsev", 10);
        Archive.Found found = Archive.find(List.of(dir), w -> { });
        Files.delete(p);
        assertTrue(new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0, "mkfifo");
        for (boolean skipBad : new boolean[] {false, true}) {
            AtomicReference<Object> result = new AtomicReference<>();
            Thread t = Thread.ofPlatform().daemon().start(() -> {
                try (Archive a = Archive.open(found, skipBad, 1)) {
                    result.set(a.skippedFiles());
                } catch (Throwable e) {
                    result.set(e);
                }
            });
            joinOrUnblock(t, p);
            String expected = p + ": the file changed since the scan found it (not a regular file: a device, FIFO or socket)";
            if (skipBad) {
                assertTrue(result.get() instanceof List<?> l && l.size() == 1 && l.get(0).toString().startsWith(expected), String.valueOf(result.get()));
            } else {
                assertTrue(result.get() instanceof FormatException e && e.getMessage().startsWith(expected), String.valueOf(result.get()));
            }
        }
    }

    /** Another file put at a path between the walk and the open is named then (it was read, then refused at its first block). */
    @Test
    void aFileReplacedAfterTheWalkIsNamedAtTheOpen() throws Exception {
        Path p = file("a.wsev", 10);
        Archive.Found found = Archive.find(List.of(dir), w -> { });
        Path other = file("other.wsev", 10);
        Files.move(other, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        FormatException e = assertThrows(FormatException.class, () -> Archive.open(found, false, 1));
        assertTrue(e.getMessage().startsWith(p + ": the file changed since the scan found it (another file is at its path now)"), e.getMessage());
    }

    @Test
    void aFileReplacedByAFolderIsNamedAsSuch() throws Exception {
        Path p = file("a.wsev", 10);
        try (Archive archive = Archive.open(List.of(p))) {
            Files.delete(p);
            Files.createDirectory(p);
            FormatException e = assertThrows(FormatException.class, () -> archive.mappedConfined(0));
            assertTrue(e.getMessage().startsWith(p + ": the file changed while scanning (it is now a folder"), e.getMessage());
            assertFalse(archive.file(0).isMapped());
        }
    }

    /**
     * A large (mapped) file cut short while the scan's open checks it: the JVM turns the fault on the mapping
     * into an InternalError, which left the open unexplained ("widescan: an input file changed while it was
     * read ...: a fault occurred in an unsafe memory access operation", no file named, not skipped by
     * {@code --skip-bad}); or, cut between its size and its mapping, a MapFailedException advising fewer files
     * (never skipped either). A race: a thread cuts and regrows the file while it is opened again and again.
     */
    @Test
    void aMappedFileCutShortWhileItIsOpenedIsNamed() throws Exception {
        Path p = file("big.wsev", 20_000);
        long full = Files.size(p);
        assertTrue(full > dev.widescan.format.EventFile.READ_LIMIT, "the test needs a mapped file");
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread cutter = Thread.ofPlatform().daemon().start(() -> {
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
                while (!stop.get()) {
                    f.setLength(4096);
                    f.setLength(full);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            long end = System.nanoTime() + 3_000_000_000L;
            for (int i = 0; i < 20_000 && System.nanoTime() < end; i++) {
                try {
                    dev.widescan.format.EventFile.openUnmapped(p).close();
                } catch (FormatException e) {
                    assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage()); // named; never an InternalError or "cannot map"
                }
            }
        } finally {
            stop.set(true);
            cutter.join();
        }
    }

    /**
     * {@code --skip-bad}'s list of skipped blocks is in file and block order: it was sorted as text, so that a file's
     * block 10 was listed before its block 2 (and a file {@code a.wsev.wsev}'s before {@code a.wsev}'s).
     */
    @Test
    void skippedBlocksAreListedInFileAndBlockOrder() throws Exception {
        Path a = file("a.wsev", 64 * 12); // 12 blocks of 64 records
        Path aa = file("a.wsev.wsev", 64 * 3);
        damageBlockHeader(a, 2);
        damageBlockHeader(a, 10);
        damageBlockHeader(aa, 0);
        dev.widescan.sigma.CompiledRuleSet rules = whoamiRule("14");
        for (int threads : new int[] {1, 4}) {
            Scanner scanner = new Scanner(rules, new ScanOptions("auto", threads, true, true, false, true, null));
            ScanStats stats;
            try (Archive archive = Archive.open(List.of(a, aa))) {
                stats = scanner.scan(archive, java.io.OutputStream.nullOutputStream(), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            }
            List<String> skipped = stats.skipped();
            assertTrue(skipped.size() == 3, skipped.toString());
            assertTrue(skipped.get(0).startsWith(a + ": block 2 ") && skipped.get(1).startsWith(a + ": block 10 ")
                    && skipped.get(2).startsWith(aa + ": block 0 "), skipped.toString());
        }
    }

    /**
     * A large file (block by block, on several threads) changed after the open, under {@code --skip-bad}: each of its
     * blocks is skipped, and each line names its block (they were one identical line per block).
     */
    @Test
    void aChangedLargeFileIsSkippedBlockByBlockEachNamed() throws Exception {
        Path p = file("big.wsev", 64 * 6);
        dev.widescan.sigma.CompiledRuleSet rules = whoamiRule("15");
        Scanner scanner = new Scanner(rules, new ScanOptions("auto", 2, true, true, false, true, null));
        ScanStats stats;
        try (Archive archive = Archive.open(List.of(p))) {
            Files.write(p, new byte[64], StandardOpenOption.APPEND); // grown: changed
            stats = scanner.scan(archive, java.io.OutputStream.nullOutputStream(), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        }
        List<String> skipped = stats.skipped();
        assertTrue(skipped.size() == 6, skipped.toString());
        for (int b = 0; b < 6; b++) {
            assertTrue(skipped.get(b).startsWith(p + ": block " + b + ": the file changed while scanning (now "), skipped.toString());
        }
    }

    /** One byte of block {@code b}'s header changed: its CRC fails when the block is read. */
    private static void damageBlockHeader(Path p, int b) throws IOException {
        long at;
        try (dev.widescan.format.EventFile f = dev.widescan.format.EventFile.open(p)) {
            at = f.blockOffset(b) + 8;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xEE}), at);
        }
    }

    /**
     * A file made unreadable after the open ({@code chmod 000}): "FILE: permission denied" (an IOException that
     * ended a {@code --skip-bad} scan too), now a change like the others. Root reads a mode-000 file, so the
     * check runs in a JVM of its own without the capabilities that let it ({@link UnreadableProbe}).
     */
    @Test
    void aFileMadeUnreadableAfterTheOpenIsNamedAsChanged() throws Exception {
        Path p = file("a.wsev", 10);
        List<String> command = new java.util.ArrayList<>();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> probe = List.of(javaBin, "-cp", System.getProperty("java.class.path"), UnreadableProbe.class.getName(), p.toString());
        if ("root".equals(System.getProperty("user.name"))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/capsh")) || Files.isExecutable(Path.of("/sbin/capsh")),
                    "root without capsh: a mode-000 file stays readable");
            command.addAll(List.of("capsh", "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", "exec \"$@\"", "probe"));
        }
        command.addAll(probe);
        Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(proc.waitFor() == 0, out);
        assertTrue(out.contains("dev.widescan.format.FormatException: " + p
                + ": the file changed while scanning (it cannot be read now: permission denied)"), out);
    }

    /** Opens the archive of one file, makes the file unreadable, maps it for reading: prints what that threw. */
    static final class UnreadableProbe {
        public static void main(String[] args) throws IOException {
            Path p = Path.of(args[0]);
            try (Archive archive = Archive.open(List.of(p))) {
                Files.setPosixFilePermissions(p, java.util.Set.of());
                for (boolean confined : new boolean[] {true, false}) {
                    try {
                        if (confined) {
                            archive.mappedConfined(0);
                        } else {
                            archive.mapped(0);
                        }
                        System.out.println("mapped: nothing thrown");
                    } catch (RuntimeException e) {
                        System.out.println(e.getClass().getName() + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    /** A one-rule set, CommandLine contains {@code whoami}, with an id ending in {@code idEnd}. */
    private dev.widescan.sigma.CompiledRuleSet whoamiRule(String idEnd) throws IOException {
        Path rule = dir.resolve("r" + idEnd + ".yml");
        Files.writeString(rule, """
                title: t
                id: 33333333-0000-4000-8000-0000000000%s
                logsource: {category: process_creation, product: windows}
                detection:
                    sel:
                        CommandLine|contains: 'whoami'
                    condition: sel
                """.formatted(idEnd));
        return dev.widescan.sigma.SigmaCompiler.compile(dev.widescan.sigma.RuleLoader.load(List.of(rule), false).rules());
    }

    /** Waits for {@code t}; if it is stuck opening the FIFO {@code fifo}, opens it for writing (so the open returns) and fails. */
    private static void joinOrUnblock(Thread t, Path fifo) throws Exception {
        t.join(10_000);
        if (t.isAlive()) {
            Files.write(fifo, new byte[0], StandardOpenOption.WRITE); // a writer: lets the stuck open return
            t.join(10_000);
            fail("opening the FIFO waited for a writer");
        }
    }
}
