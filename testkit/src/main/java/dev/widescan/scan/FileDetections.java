package dev.widescan.scan;

import dev.widescan.format.EventFile;
import dev.widescan.sigma.CompiledRuleSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: the detections of a whole event file through one {@link BlockScanner}, block by block as a
 * scan worker runs them, as {@code rule * 2^40 + file-wide record} in scan order, so that strategies,
 * column encodings, piece sizes and checks can be compared list against list.
 */
public final class FileDetections {
    private FileDetections() {
    }

    /** With {@code strategy}'s matchers (as {@code --strategy} names them) and the default piece size. */
    public static List<Long> of(CompiledRuleSet rules, Path file, String strategy, boolean verify) throws IOException {
        return of(rules, file, strategy, verify, BlockScanner.DEFAULT_PIECE_BYTES);
    }

    /** {@code pieceBytes}: see {@link BlockScanner#DEFAULT_PIECE_BYTES}; 0 checks every column whole. */
    public static List<Long> of(CompiledRuleSet rules, Path file, String strategy, boolean verify, int pieceBytes)
            throws IOException {
        Scanner s = new Scanner(rules, new ScanOptions(strategy, 1, verify, true, false));
        BlockScanner scanner = new BlockScanner(rules, s.matchers(), verify, pieceBytes);
        List<Long> out = new ArrayList<>();
        try (EventFile f = EventFile.open(file)) {
            for (int b = 0; b < f.blockCount(); b++) {
                long first = f.readBlock(b, null).firstRecord();
                scanner.scan(f, b, (rule, record) -> out.add(((long) rule << 40) + first + record));
            }
        }
        return out;
    }
}
