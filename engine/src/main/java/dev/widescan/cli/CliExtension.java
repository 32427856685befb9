package dev.widescan.cli;

/**
 * A subcommand contributed by a module above the engine (the corpus generator's {@code gen}), found with
 * {@link java.util.ServiceLoader} so that the engine never imports those modules.
 */
public interface CliExtension {
    /** A picocli {@code @Command} instance. */
    Object command();
}
