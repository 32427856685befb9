package dev.widescan.sigma;

import static dev.widescan.sigma.Detections.rule;
import static dev.widescan.sigma.Detections.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading: files and folders, logsource filtering, unsupported constructs, limits, messages. */
class RuleLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static SigmaRuleException rejects(String detection) {
        return assertThrows(SigmaRuleException.class, () -> rule(yaml(detection)));
    }

    @Test
    void unsupportedConstructsNameLineSelectionFieldAndModifier() {
        SigmaRuleException cidr = rejects("sel:\n  Image: x\nnet:\n  CommandLine|cidr: 10.0.0.0/8\ncondition: sel and net");
        assertEquals("test-rule.yml:10: selection 'net', field 'CommandLine', modifier 'cidr': "
                + "IP ranges are not supported: process-creation events carry no IP address field", cidr.getMessage());
        assertEquals("unsupported modifier 'cidr'", cidr.category());
        for (String m : List.of("week", "hour")) { // week: no numbering named; hour: ProcessId is no date
            SigmaRuleException e = rejects("sel:\n  ProcessId|" + m + ": 4\ncondition: sel");
            assertTrue(e.getMessage().contains("modifier '" + m + "'"), e.getMessage());
        }
        SigmaRuleException field = rejects("sel:\n  GrandParentImage|endswith: x\ncondition: sel");
        assertTrue(field.getMessage().contains("field 'GrandParentImage' is not in widescan's event schema"), field.getMessage());
        SigmaRuleException unknown = rejects("sel:\n  Image|sortof: x\ncondition: sel");
        assertEquals("unknown modifier 'sortof'", unknown.category());
        SigmaRuleException expand = rejects("sel:\n  CommandLine|expand: '%servers%'\ncondition: sel");
        assertTrue(expand.getMessage().contains("modifier 'expand': placeholder %servers% has no value"), expand.getMessage());
        assertTrue(rejects("sel:\n  Image|wide: x\ncondition: sel").getMessage().contains("must be followed by base64"));
        assertTrue(rejects("sel:\n  Image|re: '(unclosed'\ncondition: sel").getMessage().contains("invalid regular expression"));
        assertTrue(rejects("sel:\n  Image|re|contains: x\ncondition: sel").getMessage().contains("'re' combines only"));
        assertTrue(rejects("sel:\n  Image|contains|base64: 'x*'\ncondition: sel").getMessage().contains("wildcards"));
        assertTrue(rejects("sel:\n  Image|exists: maybe\ncondition: sel").getMessage().contains("true or false"));
        assertTrue(rejects("sel:\n  Image|contains|startswith: x\ncondition: sel").getMessage().contains("together"));
        assertTrue(rejects("sel:\n  Image: []\ncondition: sel").getMessage().contains("empty value list"));
        assertTrue(rejects("sel:\n  Image:\n    a: b\ncondition: sel").getMessage().contains("not a map"));
        assertTrue(rejects("sel:\n  Image|fieldref: Nope\ncondition: sel").getMessage().contains("'Nope'"));
        assertTrue(rejects("sel:\n  Image: x\ntimeframe: 5m\ncondition: sel").getMessage().contains("timeframe"));
        assertTrue(rejects("sel:\n  Image: x\n").getMessage().contains("no 'condition'"));
    }

    @Test
    void foldersRecursivelyAndSkipping() throws IOException {
        write("a/good.yml", yaml("sel:\n  Image|endswith: '\\x.exe'\ncondition: sel"));
        write("a/b/also.yaml", yaml("sel:\n  CommandLine|contains: y\ncondition: sel"));
        write("a/b/ignored.txt", "not a rule");
        write("a/b/cidr.yml", yaml("sel:\n  CommandLine|cidr: 10.0.0.0/8\ncondition: sel"));
        write("a/linux.yml", "title: l\nlogsource:\n  category: process_creation\n  product: linux\ndetection:\n  sel:\n    Image: x\n  condition: sel\n");
        write("a/broken.yml", "title: [unclosed\n");
        SigmaRuleException strict = assertThrows(SigmaRuleException.class, () -> RuleLoader.load(List.of(dir.resolve("a")), false));
        assertTrue(strict.getMessage().contains("broken.yml") || strict.getMessage().contains("cidr.yml"), strict.getMessage());

        RuleLoadResult r = RuleLoader.load(List.of(dir.resolve("a")), true);
        assertEquals(2, r.rules().size());
        assertEquals(Map.of("logsource not windows/process_creation", 1, "malformed YAML", 1, "unsupported modifier 'cidr'", 1),
                r.skippedByCategory());
        assertTrue(r.tally().startsWith("rules loaded: 2\nrules skipped: 3\n"), r.tally());
        SkippedRule linux = r.skipped().stream().filter(s -> s.path().endsWith("linux.yml")).findFirst().orElseThrow();
        assertEquals("l", linux.title());
        assertTrue(linux.reason().contains("product=linux"), linux.reason());
    }

    @Test
    void logsourceIsSkippedEvenWithoutSkipUnsupported() throws IOException {
        Path p = write("net.yml", "title: n\nlogsource:\n  category: network_connection\n  product: windows\ndetection:\n  sel:\n    Image: x\n  condition: sel\n");
        RuleLoadResult r = RuleLoader.load(List.of(p), false);
        assertEquals(0, r.rules().size());
        assertEquals(1, r.skipped().size());
    }

    @Test
    void severalPathsAndMissingPath() throws IOException {
        Path a = write("one.yml", yaml("sel:\n  Image: x\ncondition: sel"));
        Path b = write("two.yml", yaml("sel:\n  Image: y\ncondition: sel"));
        assertEquals(2, RuleLoader.load(List.of(a, b), false).rules().size());
        SigmaRuleException missing = assertThrows(SigmaRuleException.class, () -> RuleLoader.load(List.of(dir.resolve("nope")), true));
        assertTrue(missing.getMessage().contains("no such rule file or folder"));
    }

    @Test
    void yamlLimits() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev).append(", *")
                    .append(prev).append("]\n");
            prev = c;
        }
        SigmaRuleException aliases = assertThrows(SigmaRuleException.class, () -> RuleLoader.parse(bomb.toString(), Path.of("bomb.yml")));
        assertTrue(aliases.getMessage().startsWith("bomb.yml"), aliases.getMessage());
        String deep = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";
        SigmaRuleException nesting = assertThrows(SigmaRuleException.class, () -> RuleLoader.parse(deep, Path.of("deep.yml")));
        assertTrue(nesting.getMessage().contains("nested deeper"), nesting.getMessage());
        Path big = dir.resolve("big.yml");
        Files.writeString(big, "# " + "x".repeat(YamlRuleFile.MAX_BYTES) + "\n");
        RuleLoadResult r = RuleLoader.load(List.of(big), true);
        assertEquals(Map.of("file too large", 1), r.skippedByCategory());
        SigmaRuleException dup = assertThrows(SigmaRuleException.class,
                () -> rule(yaml("sel:\n  Image: x\n  Image: y\ncondition: sel")));
        assertTrue(dup.getMessage().contains("uplicate"), dup.getMessage());
        SigmaRuleException tag = assertThrows(SigmaRuleException.class,
                () -> RuleLoader.parse("!!java.lang.Object {}\n", Path.of("tag.yml")));
        assertTrue(tag.getMessage().startsWith("tag.yml"), tag.getMessage());
    }

    @Test
    void modelKeepsMetadata() {
        SigmaRule r = rule("title: T\nid: 1234\nstatus: test\nlevel: high\ntags:\n  - attack.t1\n"
                + "logsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    Image: x\n  condition: sel\n");
        assertEquals("1234", r.id());
        assertEquals("T", r.title());
        assertEquals("test", r.status());
        assertEquals("high", r.level());
        assertEquals(List.of("attack.t1"), r.tags());
        assertEquals(new Logsource("process_creation", "windows", null), r.logsource());
        assertEquals(Path.of("test-rule.yml"), r.sourcePath());
        assertEquals(List.of("sel"), List.copyOf(r.detection().selections().keySet()));
    }

    /**
     * A catalog named twice (-r rules -r rules, or a folder and its subfolder) loads every rule once; the
     * warning names a few files and counts the rest, instead of one line per rule file (1,183 lines for
     * SigmaHQ's process_creation folder given twice).
     */
    @Test
    void aFolderNamedTwiceWarnsInAFewLines() throws IOException {
        Path folder = dir.resolve("catalog");
        for (int i = 0; i < 10; i++) {
            write("catalog/r" + i + ".yml", yaml("sel:\n  CommandLine|contains: word" + i + "\ncondition: sel")
                    .replace("id: ", "id: 0000000" + i + "-"));
        }
        write("copy/r0.yml", Files.readString(folder.resolve("r0.yml")));
        write("copy/r1.yml", Files.readString(folder.resolve("r1.yml")));
        RuleLoadResult twice = RuleLoader.load(List.of(folder, folder, dir.resolve("copy")), false);
        assertEquals(10, twice.rules().size());
        List<String> w = twice.warnings();
        assertEquals(6, w.size(), String.join("\n", w));
        assertEquals(3, w.stream().filter(x -> x.startsWith("rule file ") && x.contains("is the same file as")).count(), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.contains("7 more rule files named twice")), w.toString());
        assertEquals(2, w.stream().filter(x -> x.contains("is the same rule as in")).count(), w.toString());
    }

    /** A rules folder that cannot be listed is a usage error saying why, without the --skip-unsupported hint (it skips no such thing). */
    @Test
    void anUnlistableRulesFolderSaysWhyWithoutTheSkipHint() {
        SigmaRuleException e = RuleLoader.unlistable(dir, new java.nio.file.AccessDeniedException(dir.resolve("sub").toString()));
        assertEquals(dir + ": cannot list rule folder: " + dir.resolve("sub") + ": permission denied", e.messageForUser());
    }

    /** A device or FIFO given as -r was reported as "no such rule file or folder", though it exists. */
    @Test
    void aDeviceGivenAsRulesIsNamedForWhatItIs() {
        SigmaRuleException e = assertThrows(SigmaRuleException.class, () -> RuleLoader.ruleFiles(List.of(Path.of("/dev/null"))));
        assertEquals("/dev/null: not a regular file (a device, FIFO or socket): rules are read from rule files and folders", e.messageForUser());
        SigmaRuleException missing = assertThrows(SigmaRuleException.class, () -> RuleLoader.ruleFiles(List.of(dir.resolve("nope.yml"))));
        assertTrue(missing.getMessage().endsWith("no such rule file or folder"), missing.getMessage());
    }
}
