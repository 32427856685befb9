package dev.widescan.tune;

import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded generated data for the tuning tests: rules whose fields get every kind of strategy choice
 * (CommandLine: CONTAINS plus a startswith literal, so split candidates; Image: endswith only, so
 * {@code anchored}; ParentImage: one CONTAINS), and event files whose values hit them in random case.
 */
public final class TuneTestData {
    public static final String RULES = """
            title: api calls on the command line
            id: 22222222-0000-4000-8000-000000000001
            logsource: {category: process_creation, product: windows}
            detection:
                selection:
                    CommandLine|contains: ['VirtualAlloc', 'WriteProcessMemory', 'CreateRemoteThread', 'rundll32', 'powershell -enc']
                filter:
                    Image|endswith: '\\\\explorer.exe'
                condition: selection and not filter
            ---
            title: shells started by office
            id: 22222222-0000-4000-8000-000000000002
            logsource: {category: process_creation, product: windows}
            detection:
                selection:
                    Image|endswith: ['\\\\cmd.exe', '\\\\powershell.exe']
                    ParentImage|contains: 'office'
                condition: selection
            ---
            title: cmd /c at the start
            id: 22222222-0000-4000-8000-000000000003
            logsource: {category: process_creation, product: windows}
            detection:
                selection:
                    CommandLine|startswith: 'cmd /c '
                condition: selection
            """;

    private static final String[] WORDS = {"C:\\Windows\\System32\\", "cmd /c ", "-NoProfile", "VirtualAlloc", "writeprocessmemory",
        "CREATEREMOTETHREAD", "rundll32", "PowerShell -Enc ", "user32.dll", "kernel32", " /s ", "ping", "127.0.0.1", "Привет", "日本",
        "\uD83D\uDE00", "a", "--", "Office", "explorer"};
    private static final String[] IMAGES = {"C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\explorer.exe",
        "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\POWERSHELL.EXE", "C:\\Program Files\\Microsoft Office\\WINWORD.EXE",
        "C:\\Tools\\x.exe", ""};

    private TuneTestData() {
    }

    /** Writes the rules as three files into a new folder {@code dir/name}. */
    public static Path rules(Path dir, String name, String rules) throws IOException {
        Path folder = Files.createDirectory(dir.resolve(name));
        String[] docs = rules.split("---\n");
        for (int i = 0; i < docs.length; i++) {
            Files.writeString(folder.resolve("rule" + i + ".yml"), docs[i]);
        }
        return folder;
    }

    /** {@code records} events, {@code perBlock} a block, from {@code seed}; dictionary encoding on. */
    public static Path events(Path file, int records, int perBlock, long seed) throws IOException {
        return events(file, records, perBlock, seed, Set.of(), Set.of());
    }

    /**
     * As {@link #events(Path, int, int, long)} (same random values), but the fields in {@code absent} have
     * no value in any record and those in {@code empty} the empty value in every record: fields the rules
     * have literals for and the data does not fill.
     */
    public static Path events(Path file, int records, int perBlock, long seed, Set<Field> absent, Set<Field> empty) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        try (EventFileWriter w = EventFileWriter.create(file, perBlock, true)) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < records; i++) {
                sb.setLength(0);
                int words = rnd.nextInt(12);
                for (int k = 0; k < words; k++) {
                    String word = WORDS[rnd.nextInt(WORDS.length)];
                    sb.append(rnd.nextBoolean() ? word : word.toUpperCase(java.util.Locale.ROOT)).append(rnd.nextInt(4) == 0 ? "" : " ");
                }
                sb.append(i);
                EventRecord record = new EventRecord()
                        .set(Field.CommandLine, rnd.nextInt(30) == 0 ? null : sb.toString())
                        .set(Field.Image, IMAGES[rnd.nextInt(IMAGES.length)])
                        .set(Field.ParentImage, rnd.nextInt(10) == 0 ? null : IMAGES[rnd.nextInt(IMAGES.length)]);
                absent.forEach(f -> record.set(f, null));
                empty.forEach(f -> record.set(f, ""));
                w.append(record);
            }
        }
        return file;
    }
}
