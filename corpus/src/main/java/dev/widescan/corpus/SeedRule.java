package dev.widescan.corpus;

import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The seed rule bundled in the jar (copied from {@code corpus/rules/seed/} at build time), the default
 * rule of {@code widescan gen} so that it works from any directory.
 */
public final class SeedRule {
    static final String RESOURCE = "/widescan/rules/seed/proc_creation_win_susp_inline_win_api_access.yml";

    private SeedRule() {
    }

    public static String yaml() {
        try (InputStream in = SeedRule.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled seed rule " + RESOURCE + " is missing from the class path (broken build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled seed rule " + RESOURCE, e);
        }
    }

    public static SigmaRule load() {
        return RuleLoader.parse(yaml(), Path.of("(bundled)" + RESOURCE));
    }
}
