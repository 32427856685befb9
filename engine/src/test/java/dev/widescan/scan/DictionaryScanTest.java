package dev.widescan.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import dev.widescan.format.RecordColumn;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dictionary-encoded columns give exactly the detections of plain ones, for every kind of check a rule
 * can make on them (anchored and contains literals, glob, regex, field reference, exists, null, empty;
 * one hit entry or many), under several strategies, with and without CRC verification.
 */
class DictionaryScanTest {
    private static final String RULES = """
            title: dict anchored
            id: 11111111-0000-4000-8000-000000000001
            logsource: {category: process_creation, product: windows}
            detection:
                selection:
                    Image|endswith: ['\\\\cmd.exe', '\\\\POWERSHELL.exe']
                    ParentImage|contains: 'office'
                condition: selection
            ---
            title: dict glob, regex, startswith
            id: 11111111-0000-4000-8000-000000000002
            logsource: {category: process_creation, product: windows}
            detection:
                a:
                    User|startswith: 'NT AUTHORITY\\\\'
                b:
                    Image: 'C:\\\\Windows\\\\*\\\\rundll?2.exe'
                c:
                    Company|re: '(?i)^micro.*corp'
                condition: (a and b) or (c and not a)
            ---
            title: dict fieldref, exists, null, empty
            id: 11111111-0000-4000-8000-000000000003
            logsource: {category: process_creation, product: windows}
            detection:
                same:
                    ParentImage|fieldref: Image
                noDescription:
                    Description: null
                emptyUser:
                    User: ''
                hasCompany:
                    Company|exists: true
                condition: (same and hasCompany) or (noDescription and emptyUser)
            ---
            title: dict and plain together
            id: 11111111-0000-4000-8000-000000000004
            logsource: {category: process_creation, product: windows}
            detection:
                selection:
                    CommandLine|contains: 'VirtualAlloc'
                    IntegrityLevel: 'High'
                condition: selection
            ---
            title: dict, many entries hit
            id: 11111111-0000-4000-8000-000000000005
            logsource: {category: process_creation, product: windows}
            detection:
                selection:
                    ParentImage|contains: '\\'
                    User|contains: 'a'
                condition: selection
            """;
    private static final String[] IMAGES = {"C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\System32\\rundll32.exe",
        "C:\\Program Files\\Microsoft Office\\WINWORD.EXE", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
        "C:\\Windows\\SysWOW64\\rundll32.exe", ""};
    private static final String[] USERS = {"NT AUTHORITY\\SYSTEM", "CORP\\alice", "", null};
    private static final String[] COMPANIES = {"Microsoft Corporation", "microsoft corp.", "Adobe", null};

    @TempDir
    Path dir;

    @Test
    void dictionaryAndPlainFilesGiveTheSameDetections() throws IOException {
        Path rules = Files.createDirectory(dir.resolve("rules"));
        String[] docs = RULES.split("---\n");
        for (int i = 0; i < docs.length; i++) {
            Files.writeString(rules.resolve("rule" + i + ".yml"), docs[i]);
        }
        CompiledRuleSet compiled = SigmaCompiler.compile(RuleLoader.load(List.of(rules), false).rules());
        assertEquals(5, compiled.rules().size());
        Path dict = dir.resolve("dict.wsev");
        Path plain = dir.resolve("plain.wsev");
        write(dict, true);
        write(plain, false);
        assertTrue(dictionaryColumns(dict) > 0, "the repetitive columns should be dictionary-encoded");
        assertEquals(0, dictionaryColumns(plain));
        List<Long> expected = detections(compiled, plain, "naive", true);
        for (long rule = 0; rule < 5; rule++) {
            long r = rule;
            long count = expected.stream().filter(d -> d >>> 40 == r).count();
            assertTrue(count > 50, "rule " + rule + " should fire often: " + count);
        }
        for (String strategy : List.of("auto", "naive", "aho-corasick", "teddy", "large-set")) {
            for (boolean verify : new boolean[] {true, false}) {
                assertEquals(expected, detections(compiled, dict, strategy, verify), strategy + " verify=" + verify);
                assertEquals(expected, detections(compiled, plain, strategy, verify), strategy + " verify=" + verify);
            }
        }
    }

    /**
     * A reader ignores the code of an absent value (docs/FORMAT.md): pointing absent Image values at the
     * {@code cmd.exe} entry, CRCs recomputed, changes no detection, whether few entries hit or all.
     */
    @Test
    void theCodeOfAnAbsentValueIsIgnored() throws IOException {
        Path few = Files.createDirectory(dir.resolve("few"));
        Files.writeString(few.resolve("r.yml"), RULES.split("---\n")[0]);
        Path many = Files.createDirectory(dir.resolve("many"));
        Files.writeString(many.resolve("many.yml"), """
                title: every Image path (every entry hits)
                id: 11111111-0000-4000-8000-000000000006
                logsource: {category: process_creation, product: windows}
                detection:
                    selection:
                        Image|contains: '\\\\'
                    condition: selection
                """);
        List<CompiledRuleSet> ruleSets = new ArrayList<>();
        for (Path rules : List.of(few, many)) {
            ruleSets.add(SigmaCompiler.compile(RuleLoader.load(List.of(rules), false).rules()));
        }
        Path file = dir.resolve("absent.wsev");
        write(file, true);
        List<List<Long>> expected = new ArrayList<>();
        for (CompiledRuleSet rules : ruleSets) {
            expected.add(detections(rules, file, "auto", true));
        }
        int rewritten = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             EventFile f = EventFile.open(file)) {
            MemorySegment map = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), Arena.ofAuto());
            EventBlock b = f.readBlock(0, null);
            RecordColumn image = b.column(Field.Image);
            assertTrue(image.kind() == dev.widescan.format.ColumnKind.DICTIONARY);
            int cmd = -1;
            for (int e = 0; e < image.dictionary().count(); e++) {
                cmd = image.dictionary().valueAsString(e).endsWith("\\cmd.exe") ? e : cmd;
            }
            long region = b.columnFileOffset(Field.Image);
            long codes = region + image.codes().address() - image.units().address();
            for (int r = 0; r < image.count(); r++) {
                if (image.isAbsent(r)) {
                    map.set(ValueLayout.JAVA_INT_UNALIGNED, codes + 4L * r, cmd);
                    rewritten++;
                }
            }
            long block = f.blockOffset(0);
            map.set(ValueLayout.JAVA_INT_UNALIGNED, block + 64 + 32L * f.columnOf(Field.Image) + 28,
                    crc(map, region, b.columnBytes(Field.Image)));
            CRC32C header = new CRC32C();
            header.update(map.asSlice(block, 60).asByteBuffer());
            header.update(map.asSlice(block + 64, 32L * Field.count()).asByteBuffer());
            map.set(ValueLayout.JAVA_INT_UNALIGNED, block + 60, (int) header.getValue());
        }
        assertTrue(rewritten > 10, "absent Image values in block 0: " + rewritten);
        for (int i = 0; i < ruleSets.size(); i++) {
            for (String strategy : List.of("auto", "naive")) {
                assertEquals(expected.get(i), detections(ruleSets.get(i), file, strategy, true), "rule set " + i + ", " + strategy);
            }
        }
    }

    private static int crc(MemorySegment map, long at, long length) {
        CRC32C c = new CRC32C();
        c.update(map.asSlice(at, length).asByteBuffer());
        return (int) c.getValue();
    }

    private static void write(Path file, boolean dictionaries) throws IOException {
        SplittableRandom rnd = new SplittableRandom(3);
        try (EventFileWriter w = EventFileWriter.create(file, 4096, dictionaries)) {
            for (int i = 0; i < 10_000; i++) {
                String image = IMAGES[rnd.nextInt(IMAGES.length)];
                String parent = rnd.nextInt(4) == 0 ? image : IMAGES[rnd.nextInt(IMAGES.length)];
                w.append(new EventRecord()
                        .set(Field.CommandLine, (rnd.nextInt(50) == 0 ? "x VirtualAlloc " : "x ") + i)
                        .set(Field.Image, rnd.nextInt(40) == 0 ? null : image)
                        .set(Field.ParentImage, parent)
                        .set(Field.User, USERS[rnd.nextInt(USERS.length)])
                        .set(Field.Company, COMPANIES[rnd.nextInt(COMPANIES.length)])
                        .set(Field.Description, rnd.nextBoolean() ? null : "d" + rnd.nextInt(3))
                        .set(Field.IntegrityLevel, rnd.nextBoolean() ? "High" : "Medium"));
            }
        }
    }

    private static int dictionaryColumns(Path file) throws IOException {
        int n = 0;
        try (EventFile f = EventFile.open(file)) {
            EventBlock b = null;
            for (int i = 0; i < f.blockCount(); i++) {
                b = f.readBlock(i, b);
                for (Field field : Field.values()) {
                    n += b.isDictionaryEncoded(field) ? 1 : 0;
                }
            }
        }
        return n;
    }

    private static List<Long> detections(CompiledRuleSet rules, Path file, String strategy, boolean verify) throws IOException {
        return FileDetections.of(rules, file, strategy, verify);
    }
}
