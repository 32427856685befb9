package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder inputs and rule folders: links to folders are followed, loops and fan-outs cost nothing. */
class FolderWalkTest {
    @TempDir
    Path dir;

    @Test
    void linksToFoldersAreFollowedAndLoopsSkipped() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("disk2").resolve("2026-11"));
        Files.writeString(elsewhere.resolve("day1.wsev"), "x");
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Files.writeString(archive.resolve("day0.wsev"), "x");
        Files.createSymbolicLink(archive.resolve("2026-11"), elsewhere);
        Files.createSymbolicLink(elsewhere.resolve("back"), dir); // a loop through the link
        Files.createSymbolicLink(archive.resolve("dangling.wsev"), dir.resolve("nowhere"));
        List<Path> found = FolderWalk.entries(archive);
        assertEquals(List.of(archive.resolve("2026-11").resolve("day1.wsev"), archive.resolve("dangling.wsev"), archive.resolve("day0.wsev")),
                found.stream().filter(p -> !p.startsWith(archive.resolve("2026-11").resolve("back"))).toList());
        assertEquals(1, found.stream().filter(p -> p.getFileName().toString().equals("day0.wsev")).count(), "each folder entered once");
        // walk: the same entries, each with the attributes a caller would otherwise read again (a link's target's)
        List<FolderWalk.Entry> walked = FolderWalk.walk(archive);
        assertEquals(found, walked.stream().map(FolderWalk.Entry::path).toList());
        for (FolderWalk.Entry e : walked) {
            boolean dangling = e.path().getFileName().toString().equals("dangling.wsev");
            assertEquals(!dangling, e.attributes().isRegularFile(), e.path().toString());
            assertEquals(dangling, e.attributes().isSymbolicLink(), e.path().toString());
            assertEquals(Files.readAttributes(e.path(), java.nio.file.attribute.BasicFileAttributes.class,
                    dangling ? new java.nio.file.LinkOption[] {java.nio.file.LinkOption.NOFOLLOW_LINKS} : new java.nio.file.LinkOption[0])
                    .fileKey(), e.attributes().fileKey(), e.path().toString());
        }
    }

    /** Two links per level to the next level: 2^40 paths, 41 folders. Entered once each, the walk is immediate. */
    @Test
    void linksThatFanOutAreWalkedOncePerFolder() throws IOException {
        Path next = Files.createDirectories(dir.resolve("level40"));
        Files.writeString(next.resolve("leaf.yml"), "x");
        for (int level = 39; level >= 0; level--) {
            Path here = Files.createDirectories(dir.resolve("level" + level));
            Files.createSymbolicLink(here.resolve("a"), next);
            Files.createSymbolicLink(here.resolve("b"), next);
            next = here;
        }
        Path top = next;
        List<Path> found = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> FolderWalk.entries(top));
        assertEquals(1, found.size(), found.toString());
    }
}
