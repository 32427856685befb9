package dev.widescan.corpus;

import dev.widescan.cli.CliExtension;

/** Registers {@code widescan gen} with the engine's CLI through {@link java.util.ServiceLoader}. */
public final class GenCliExtension implements CliExtension {
    @Override
    public Object command() {
        return new GenCommand();
    }
}
