package dev.widescan.corpus;

import java.util.List;

/**
 * What one generation run produced: the ground truth written to the sidecar.
 *
 * @param detectedEvents     events that at least one rule detects (all of them hit events)
 * @param perRuleDetections  per rule (in rule order): events it detects
 * @param hitEvents          events made to contain a rule literal and verified to match
 * @param filterEvents       seed filter cases: contain a seed literal but are excluded by its filters
 * @param regenerated        background events drawn again because some rule matched them
 * @param rulesWithoutWitness rules no hit event could be built for (no CommandLine literal that alone matches)
 * @param utf16Bytes         UTF-16 bytes of all field values generated (2 per code unit)
 */
public record GenerationSummary(long events, long detectedEvents, long[] perRuleDetections, long hitEvents,
                                long filterEvents, long regenerated, List<String> rulesWithoutWitness, long utf16Bytes) {
}
