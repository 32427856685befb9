package dev.widescan.sigma;

/** Receives detections from {@link RuleEvaluator#evaluateBlock}; called on the hot path, must not allocate. */
@FunctionalInterface
public interface RuleMatchSink {
    /** Rule {@code ruleIndex} (see {@link CompiledRuleSet#rule(int)}) detects record {@code recordInBlock}. */
    void matched(int ruleIndex, int recordInBlock);
}
