package dev.widescan.corpus;

/**
 * The knobs of one generation run.
 *
 * @param events          how many events to write
 * @param seed            the seed: same settings and rules give byte-identical output
 * @param hitRate         fraction of events made to contain a rule literal and verified to match
 * @param profile         realistic, unicode or long
 * @param expectedRecords whether the sidecar lists every detected record
 */
public record GeneratorSettings(long events, long seed, double hitRate, Profile profile, boolean expectedRecords) {
    public GeneratorSettings {
        if (events < 0) {
            throw new IllegalArgumentException("--events must be >= 0, got " + events);
        }
        if (!(hitRate >= 0.0 && hitRate <= 1.0)) {
            throw new IllegalArgumentException("--hit-rate must be in [0, 1], got " + hitRate);
        }
        if (profile == null) {
            throw new IllegalArgumentException("profile is required");
        }
    }
}
