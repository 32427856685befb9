package dev.widescan.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.ColumnEncodings;
import dev.widescan.format.ColumnKind;
import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.ReferenceEvaluator;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import dev.widescan.sigma.SigmaRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan gives the reference evaluator's detections on every column kind of format v3 (constant with
 * and without absent values, all-empty, all-absent) as on dictionary and plain columns: literals,
 * glob, regex, field references, and Sigma's {@code null}, {@code exists} and {@code ''}, under several
 * strategies, with and without the CRC check. Random blocks give each field a shape per block, so one file
 * mixes kinds column by column and block by block.
 */
class ColumnKindsScanTest {
    private static final long SEED = 0xC0FFEE_F3L;
    private static final Field[] FIELDS = {Field.CommandLine, Field.Image, Field.ParentImage, Field.User,
        Field.Description, Field.Company, Field.IntegrityLevel, Field.OriginalFileName};
    private static final String[] POOL = {"C:\\Windows\\System32\\cmd.exe", "C:\\Tools\\VirtualAlloc.exe",
        "NT AUTHORITY\\SYSTEM", "High", "Microsoft Corporation", "cmd.exe", "x VirtualAlloc y", "\u212Aernel32"};
    private static final String RULES = """
            title: literal on constant values
            id: 22222222-0000-4000-8000-000000000001
            logsource: {category: process_creation, product: windows}
            detection:
                a:
                    Image|endswith: '\\\\cmd.exe'
                b:
                    CommandLine|contains: 'VirtualAlloc'
                condition: a or b
            ---
            title: null and exists
            id: 22222222-0000-4000-8000-000000000002
            logsource: {category: process_creation, product: windows}
            detection:
                noDescription:
                    Description: null
                hasCompany:
                    Company|exists: true
                noUser:
                    User|exists: false
                condition: (noDescription and hasCompany) or noUser
            ---
            title: empty value
            id: 22222222-0000-4000-8000-000000000003
            logsource: {category: process_creation, product: windows}
            detection:
                emptyLevel:
                    IntegrityLevel: ''
                emptyName:
                    OriginalFileName: ''
                condition: emptyLevel and not emptyName
            ---
            title: glob, regex, fieldref
            id: 22222222-0000-4000-8000-000000000004
            logsource: {category: process_creation, product: windows}
            detection:
                glob:
                    ParentImage: 'C:\\\\*\\\\*.exe'
                re:
                    Company|re: '(?i)^micro.*corp'
                same:
                    ParentImage|fieldref: Image
                condition: (glob and re) or same
            ---
            title: not on possibly absent fields
            id: 22222222-0000-4000-8000-000000000005
            logsource: {category: process_creation, product: windows}
            detection:
                level:
                    IntegrityLevel: 'High'
                kernel:
                    OriginalFileName|contains: 'kernel32'
                condition: not level and not kernel
            ---
            title: short literals asked on demand (no rule is gated by them)
            id: 22222222-0000-4000-8000-000000000006
            logsource: {category: process_creation, product: windows}
            detection:
                gate:
                    Image|endswith: '\\cmd.exe'
                b:
                    CommandLine|contains: 'y'
                c:
                    IntegrityLevel|startswith: 'Hi'
                d:
                    User|endswith: 'EM'
                e:
                    Company: 'x'
                condition: gate and (b or c or d or e)
            """;

    enum Shape { ALL_ABSENT, ALL_EMPTY, ONE_VALUE, ONE_VALUE_OR_ABSENT, EMPTY_OR_ABSENT, FEW_VALUES, ANY }

    @TempDir
    Path dir;

    @Test
    void everyColumnKindGivesTheReferenceDetections() throws IOException {
        Path rules = Files.createDirectory(dir.resolve("rules"));
        String[] docs = RULES.split("---\n");
        for (int i = 0; i < docs.length; i++) {
            Files.writeString(rules.resolve("rule" + i + ".yml"), docs[i]);
        }
        List<SigmaRule> loaded = RuleLoader.load(List.of(rules), false).rules();
        CompiledRuleSet compiled = SigmaCompiler.compile(loaded);
        for (dev.widescan.sigma.FieldLiterals fl : compiled.fieldLiterals()) {
            for (dev.widescan.match.Literal l : fl.literals().literals()) {
                assertTrue(l.text().length() > 2, "asked on demand, not matched: " + fl.field() + " " + l);
            }
        }
        SplittableRandom seeds = new SplittableRandom(SEED);
        int[] kindsSeen = new int[ColumnKind.values().length];
        long[] firedByRule = new long[loaded.size()];
        for (int trial = 0; trial < 25; trial++) {
            long seed = seeds.nextLong();
            List<EventRecord> records = records(new SplittableRandom(seed));
            List<Long> expected = new ArrayList<>();
            for (int r = 0; r < records.size(); r++) {
                for (int rule = 0; rule < loaded.size(); rule++) {
                    if (ReferenceEvaluator.matches(loaded.get(rule), records.get(r))) {
                        expected.add(((long) rule << 40) + r);
                        firedByRule[rule]++;
                    }
                }
            }
            expected.sort(null);
            for (ColumnEncodings enc : ColumnEncodings.values()) {
                Path p = dir.resolve(trial + "-" + enc + ".wsev");
                try (EventFileWriter w = EventFileWriter.create(p, 128, enc)) {
                    for (EventRecord r : records) {
                        w.append(r);
                    }
                }
                countKinds(p, kindsSeen);
                for (String strategy : List.of("auto", "naive", "teddy", "aho-corasick", "large-set")) {
                    for (boolean verify : new boolean[] {true, false}) {
                        List<Long> got = detections(compiled, p, strategy, verify);
                        got.sort(null);
                        assertEquals(expected, got, "seed " + seed + " (trial " + trial + ") " + enc + " " + strategy + " verify=" + verify);
                    }
                }
            }
        }
        for (ColumnKind k : ColumnKind.values()) {
            assertTrue(kindsSeen[k.ordinal()] > 20, "kind " + k + " seen in " + kindsSeen[k.ordinal()] + " columns");
        }
        for (int rule = 0; rule < firedByRule.length; rule++) {
            assertTrue(firedByRule[rule] > 100, "rule " + rule + " fired " + firedByRule[rule] + " times: the test needs it to fire");
        }
    }

    private static List<EventRecord> records(SplittableRandom rnd) {
        List<EventRecord> out = new ArrayList<>();
        int blocks = 1 + rnd.nextInt(4);
        Shape[] shapes = Shape.values();
        for (int b = 0; b < blocks; b++) {
            Map<Field, Shape> shape = new EnumMap<>(Field.class);
            Map<Field, String> constant = new EnumMap<>(Field.class);
            for (Field f : FIELDS) {
                shape.put(f, shapes[rnd.nextInt(shapes.length)]);
                constant.put(f, POOL[rnd.nextInt(POOL.length)]);
            }
            int n = b == blocks - 1 ? 2 + rnd.nextInt(127) : 128;
            for (int i = 0; i < n; i++) {
                EventRecord r = new EventRecord();
                for (Field f : FIELDS) {
                    String c = constant.get(f);
                    r.set(f, switch (shape.get(f)) {
                        case ALL_ABSENT -> null;
                        case ALL_EMPTY -> "";
                        case ONE_VALUE -> c;
                        case ONE_VALUE_OR_ABSENT -> i == 0 ? c : i == 1 ? null : rnd.nextBoolean() ? c : null;
                        case EMPTY_OR_ABSENT -> i == 0 ? "" : i == 1 ? null : rnd.nextBoolean() ? "" : null;
                        case FEW_VALUES -> POOL[rnd.nextInt(3)];
                        case ANY -> rnd.nextInt(4) == 0 ? null : rnd.nextInt(4) == 0 ? "" : POOL[rnd.nextInt(POOL.length)] + " " + i;
                    });
                }
                out.add(r);
            }
        }
        return out;
    }

    private static void countKinds(Path p, int[] kindsSeen) throws IOException {
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = null;
            for (int i = 0; i < f.blockCount(); i++) {
                b = f.readBlock(i, b);
                for (Field field : FIELDS) {
                    kindsSeen[b.columnKind(field).ordinal()]++;
                }
            }
        }
    }

    private static List<Long> detections(CompiledRuleSet rules, Path file, String strategy, boolean verify) throws IOException {
        return FileDetections.of(rules, file, strategy, verify);
    }
}
