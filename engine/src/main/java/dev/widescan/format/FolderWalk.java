package dev.widescan.format;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The entries of a folder tree that are not folders, for every command that takes folders ({@code scan},
 * {@code tune} and {@code ingest} inputs, {@code -r} rule folders).
 *
 * <p>Why not {@code Files.walk(root)}: it does not enter symbolic links to folders, so an archive laid out
 * as links ({@code archive/2026-11 -> /mnt/disk2/2026-11}) or a rules folder linking to a SigmaHQ checkout
 * lost every file behind the links without a word. Links are followed here; a folder already visited
 * (reached again through another link, or a link back to an ancestor: a loop) is not entered again,
 * which loses nothing and keeps the walk linear in the number of folders: links that fan out level
 * after level would otherwise be walked once per path, 2^depth times.
 */
public final class FolderWalk {
    private FolderWalk() {
    }

    /**
     * Every entry under {@code root} that is not a folder (regular files, links to them, dangling links,
     * devices, FIFOs), sorted by path. Links to folders are followed; each folder is entered once.
     *
     * @throws IOException a folder that cannot be listed (permission denied, ...), naming it
     */
    public static List<Path> entries(Path root) throws IOException {
        return walk(root).stream().map(Entry::path).toList();
    }

    /** An entry {@link #walk} found, with its attributes as the walk read them (a link's target's; a dangling link's own). */
    public record Entry(Path path, BasicFileAttributes attributes) {
    }

    /**
     * {@link #entries}, each with the attributes the walk read anyway: a caller that needs a file's kind or
     * identity asks no more system calls of its own (a scan of 70,000 files stat'ed each several times).
     *
     * @throws IOException a folder that cannot be listed (permission denied, ...), naming it
     */
    public static List<Entry> walk(Path root) throws IOException {
        List<Entry> out = new ArrayList<>();
        Set<Object> folders = new HashSet<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Object key = attrs.fileKey(); // device and inode; null where the file system has none
                return key == null || folders.add(key) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                out.add(new Entry(file, attrs)); // attrs are the link target's; a dangling link comes here with its own
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        out.sort(java.util.Comparator.comparing(Entry::path));
        return out;
    }
}
