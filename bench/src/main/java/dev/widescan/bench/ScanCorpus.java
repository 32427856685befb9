package dev.widescan.bench;

import dev.widescan.cli.WidescanCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Event files made by the corpus generator ({@code widescan gen}) for the end-to-end benchmarks, cached
 * under {@code java.io.tmpdir/widescan-bench} by seed, size and hit rate so forks and reruns reuse them.
 * Generation is deterministic, so a cached file is the same bytes a fresh one would be.
 */
final class ScanCorpus {
    private ScanCorpus() {
    }

    static Path file(int events, double hitRate, String profile, long seed) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "widescan-bench");
        // "v2": the format version the generator writes; a cached file of another version is not reused.
        Path out = dir.resolve("scan-v2-" + profile + "-" + events + "-" + hitRate + "-" + seed + ".wsev");
        if (Files.isRegularFile(out)) {
            return out;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(out.getFileName() + ".tmp");
            int code = WidescanCli.commandLine().execute("gen", "-o", tmp.toString(), "--events", Integer.toString(events),
                    "--seed", Long.toString(seed), "--hit-rate", Double.toString(hitRate), "--profile", profile);
            if (code != 0) {
                throw new IllegalStateException("widescan gen failed with exit code " + code);
            }
            Files.move(tmp, out);
            Files.deleteIfExists(dir.resolve(out.getFileName() + ".tmp.expected.json"));
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * {@code source} rewritten with at most {@code blockRecords} records per block and with or without
     * dictionary-encoded columns (cached beside it), so layouts can be compared on identical events.
     * The writer's defaults (4096, dictionaries) return the source.
     */
    static Path withLayout(Path source, int blockRecords, boolean dictionaries) {
        if (blockRecords == 4096 && dictionaries) {
            return source;
        }
        Path out = source.resolveSibling(source.getFileName() + ".b" + blockRecords + (dictionaries ? "" : ".plain") + ".wsev");
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (dev.widescan.format.EventFile in = dev.widescan.format.EventFile.open(source);
             dev.widescan.format.EventFileWriter w = dev.widescan.format.EventFileWriter.create(tmp, blockRecords, dictionaries)) {
            dev.widescan.format.EventRecord r = new dev.widescan.format.EventRecord();
            dev.widescan.format.EventBlock b = null;
            for (int i = 0; i < in.blockCount(); i++) {
                b = in.readBlock(i, b);
                for (int k = 0; k < b.recordCount(); k++) {
                    b.readRecord(k, r);
                    w.append(r);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try {
            Files.move(tmp, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The SigmaHQ process_creation catalog of {@code ../shared/sigma} (rules, emerging threats, threat
     * hunting), found from the working directory; a clear error when this checkout has no such folder.
     */
    static List<Path> catalogRules() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path sigma = d.resolve("shared").resolve("sigma");
            if (Files.isDirectory(sigma.resolve("rules"))) {
                return List.of(sigma.resolve("rules"), sigma.resolve("rules-emerging-threats"), sigma.resolve("rules-threat-hunting"));
            }
        }
        throw new IllegalStateException("rules=catalog needs the SigmaHQ catalog at ../shared/sigma (beside the checkout);"
                + " none found above " + Path.of("").toAbsolutePath());
    }

    /** The project's copy of the seed rule, found from the working directory (repo root or a module). */
    static Path seedRule() {
        Path rel = Path.of("corpus", "rules", "seed", "proc_creation_win_susp_inline_win_api_access.yml");
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(rel))) {
                return d.resolve(rel);
            }
        }
        throw new IllegalStateException("cannot find " + rel + " above " + Path.of("").toAbsolutePath()
                + ": run the benchmarks from the widescan checkout (scripts/bench.sh does)");
    }
}
