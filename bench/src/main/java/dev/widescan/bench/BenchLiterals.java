package dev.widescan.bench;

import dev.widescan.match.Literal;
import dev.widescan.match.LiteralSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The literal sets the matcher suites run with: the seed rule's 45 (a bench resource, so no ../shared is
 * needed), one literal, and deterministic Windows-API / command-line-like lists of ~500 and ~10,000 that
 * stand in for the catalog's CommandLine literals.
 */
public final class BenchLiterals {
    public static final String SEED = "seed";
    public static final String ONE = "one";
    public static final String GEN_500 = "gen500";
    public static final String GEN_10000 = "gen10000";
    /**
     * The SigmaHQ catalog's compiled CommandLine literals (~11,000, real kinds and case flags), extracted at
     * build time when ../shared/sigma exists; without it, the self-made list of the same size stands in
     * (a note on stderr says which was used).
     */
    public static final String CATALOG = "catalog";
    /** An evenly spread 500-literal subset of {@link #CATALOG}; falls back to {@link #GEN_500}. */
    public static final String CATALOG_500 = "catalog500";

    private static final String[] VERBS = {"Get", "Set", "Create", "Open", "Read", "Write", "Query", "Enum",
            "Delete", "Load", "Free", "Virtual", "Duplicate", "Impersonate", "Adjust", "Map", "Unmap", "Inject",
            "Resume", "Suspend", "Terminate", "Alloc", "Protect", "Register", "Invoke", "Start", "Stop", "Copy"};
    private static final String[] NOUNS = {"Process", "Thread", "Token", "Handle", "Module", "Library", "Memory",
            "File", "Key", "Value", "Service", "Section", "View", "Desktop", "Window", "Station", "Privilege",
            "Session", "Object", "Pipe", "Mutex", "Event", "Job", "Driver", "Credential", "Certificate", "Task"};
    private static final String[] SUFFIXES = {"", "A", "W", "Ex", "ExW", "Information", "Internal", "32"};
    private static final String[] FLAGS = {"-enc", "-nop", "-w hidden", "/c ", "-exec bypass", "/s /q", "-urlcache",
            "-decode", "/transfer", "-ep bypass", "/add", "/delete", "-windowstyle", "/create /tn", "/i:http"};
    private static final String[] TOOLS = {"rundll32", "regsvr32", "mshta", "certutil", "bitsadmin", "wmic",
            "powershell", "cscript", "wscript", "schtasks", "reg.exe", "msiexec", "installutil", "cmstp", "odbcconf"};

    private BenchLiterals() {
    }

    public static LiteralSet named(String name) {
        return switch (name) {
            case SEED -> contains(seedTexts());
            case ONE -> contains(List.of("VirtualAlloc"));
            case GEN_500 -> contains(generated(500, 500L));
            case GEN_10000 -> contains(generated(10_000, 10_000L));
            case CATALOG -> catalogOr(dev.widescan.bench.catalog.CatalogLiterals.ALL, GEN_10000);
            case CATALOG_500 -> catalogOr(dev.widescan.bench.catalog.CatalogLiterals.SUBSET_500, GEN_500);
            default -> throw new IllegalArgumentException("unknown literal set '" + name + "'; valid: "
                    + SEED + ", " + ONE + ", " + GEN_500 + ", " + GEN_10000 + ", " + CATALOG + ", " + CATALOG_500);
        };
    }

    private static LiteralSet catalogOr(String resource, String fallback) {
        return dev.widescan.bench.catalog.CatalogLiterals.load(resource)
                .map(set -> {
                    System.err.println("literal set: " + resource + " (" + set.size() + " SigmaHQ catalog literals)");
                    return set;
                })
                .orElseGet(() -> {
                    System.err.println("literal set: " + resource + " not built (no ../shared/sigma at build time); using " + fallback);
                    return named(fallback);
                });
    }

    private static LiteralSet contains(List<String> texts) {
        List<Literal> out = new ArrayList<>();
        for (String t : texts) {
            out.add(Literal.contains(t));
        }
        return new LiteralSet(out);
    }

    public static List<String> seedTexts() {
        List<String> out = new ArrayList<>();
        try (InputStream in = BenchLiterals.class.getResourceAsStream("/literals/seed.txt")) {
            if (in == null) {
                throw new IllegalStateException("bench resource /literals/seed.txt is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading bench resource /literals/seed.txt", e);
        }
        return out;
    }

    /** {@code count} distinct API names, tool names with flags and path fragments, from a fixed seed. */
    public static List<String> generated(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LinkedHashSet<String> out = new LinkedHashSet<>();
        while (out.size() < count) {
            String token = switch (random.nextInt(4)) {
                case 0, 1 -> pick(random, VERBS) + pick(random, NOUNS) + pick(random, SUFFIXES);
                case 2 -> pick(random, TOOLS) + " " + pick(random, FLAGS);
                default -> "\\" + pick(random, NOUNS).toLowerCase() + "\\" + pick(random, VERBS).toLowerCase()
                        + random.nextInt(100) + ".dll";
            };
            out.add(token);
        }
        return new ArrayList<>(out);
    }

    private static String pick(SplittableRandom random, String[] from) {
        return from[random.nextInt(from.length)];
    }
}
