package dev.widescan.bench.catalog;

import dev.widescan.match.LiteralSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The SigmaHQ catalog's CommandLine literals as bench resources. They exist only when the bench was
 * built next to a {@code ../shared/sigma} checkout (Maven profile {@code sigma-catalog} in
 * bench/pom.xml runs {@link CatalogLiteralExtractor}); a fresh clone without it gets
 * {@link Optional#empty()}, and the suites fall back to their self-made lists of similar size.
 */
public final class CatalogLiterals {
    /** Every distinct CommandLine literal of the catalog (~11,000). */
    public static final String ALL = "/literals/catalog-commandline.txt";
    /** An evenly spread ~500-literal subset of {@link #ALL}. */
    public static final String SUBSET_500 = "/literals/catalog-commandline-500.txt";

    private CatalogLiterals() {
    }

    /** The literal set in bench resource {@code resource} (one of the constants), if it was generated. */
    public static Optional<LiteralSet> load(String resource) {
        try (InputStream in = CatalogLiterals.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new LiteralSet(LiteralFile.read(new InputStreamReader(in, StandardCharsets.UTF_8), resource)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading bench resource " + resource, e);
        }
    }
}
