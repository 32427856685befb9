package dev.widescan.tune;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.widescan.match.LiteralKind;
import dev.widescan.match.MatcherFactory;
import dev.widescan.scan.StrategyProfile;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code widescan tune} found: per field slot, every strategy's GB/s on the sample, its ratio to
 * {@code auto}'s choice and the winner; the machine it ran on; and the profile it implies. Rendered as a
 * text table, as JSON ({@code --json}) and as a chart (the cli module draws it: the engine carries no chart library).
 * A slot whose field has no value in the sample is listed apart ({@link #untimed()}: text line, JSON
 * {@code untimedFields}); {@link #fields()} holds the timed slots only, each with its figures.
 */
public final class TuneReport {
    private final MachineDescription machine;
    private final CompiledRuleSet rules;
    private final List<FieldTuning> fields;
    private final List<UntimedField> untimed;
    private final int sampleBlocks;
    private final int requestedBlocks;
    private final int archiveBlocks;
    private final int files;
    private final double budgetSeconds;
    private final double elapsedSeconds;

    TuneReport(MachineDescription machine, CompiledRuleSet rules, List<FieldTuning> fields, List<UntimedField> untimed, int sampleBlocks,
               int requestedBlocks, int archiveBlocks, int files, double budgetSeconds, double elapsedSeconds) {
        this.requestedBlocks = requestedBlocks;
        this.machine = machine;
        this.rules = rules;
        this.fields = List.copyOf(fields);
        this.untimed = List.copyOf(untimed);
        this.sampleBlocks = sampleBlocks;
        this.archiveBlocks = archiveBlocks;
        this.files = files;
        this.budgetSeconds = budgetSeconds;
        this.elapsedSeconds = elapsedSeconds;
    }

    public MachineDescription machine() {
        return machine;
    }

    /** The timed slots, in slot order; every one has auto's timing and a winner. */
    public List<FieldTuning> fields() {
        return fields;
    }

    /** The slots with literals that were not timed (no value of the field in the sample), in slot order. */
    public List<UntimedField> untimed() {
        return untimed;
    }

    public double elapsedSeconds() {
        return elapsedSeconds;
    }

    /**
     * The profile: each tuned slot's winner; a slot with no literal, or whose field has no value in the
     * sample ({@link #untimed()}), keeps {@code auto}'s choice (nothing to time). Valid for exactly these
     * rules ({@link StrategyProfile#checkFits}).
     */
    public StrategyProfile toProfile(java.nio.file.Path target) {
        List<StrategyProfile.Entry> entries = new ArrayList<>();
        List<FieldLiterals> slots = rules.fieldLiterals();
        for (int slot = 0; slot < slots.size(); slot++) {
            FieldLiterals fl = slots.get(slot);
            FieldTuning tuned = tuning(slot);
            Candidate chosen = tuned == null ? new Candidate(MatcherFactory.pick(fl.literals()), Map.of()) : tuned.winner().candidate();
            entries.add(new StrategyProfile.Entry(fl.field(), fl.literals().size(), StrategyProfile.fingerprint(fl.literals()),
                    chosen.strategy(), chosen.parameters()));
        }
        return new StrategyProfile(target, entries, machine.asMap());
    }

    private FieldTuning tuning(int slot) {
        for (FieldTuning f : fields) {
            if (f.slot() == slot) {
                return f;
            }
        }
        return null;
    }

    private UntimedField untimedSlot(int slot) {
        for (UntimedField f : untimed) {
            if (f.slot() == slot) {
                return f;
            }
        }
        return null;
    }

    private String sampleLine() {
        int couldSample = Math.min(requestedBlocks, archiveBlocks); // --sample-blocks, or the whole archive when smaller
        return String.format(Locale.ROOT, "sample: %d of %d blocks, spread over %d file(s)%s; one thread; budget %.0f s, took %.1f s",
                sampleBlocks, archiveBlocks, files, sampleBlocks < couldSample
                        ? " (cut from " + couldSample + " to stay within the budget)" : "", budgetSeconds, elapsedSeconds);
    }

    public void writeText(PrintWriter out) {
        out.println("machine: " + machine.summary());
        out.println(sampleLine());
        for (int slot = 0; slot < rules.fieldLiterals().size(); slot++) {
            UntimedField u = untimedSlot(slot);
            if (u != null) {
                out.println();
                out.printf(Locale.ROOT, "%s (slot %d): %d literal%s (contains %d, startswith %d, endswith %d, equals %d); %s: not timed,"
                                + " the profile keeps auto's choice (%s)%n", u.field(), u.slot(), u.literals().size(), plural(u.literals().size()),
                        u.count(LiteralKind.CONTAINS), u.count(LiteralKind.STARTS_WITH), u.count(LiteralKind.ENDS_WITH), u.count(LiteralKind.EQUALS),
                        u.reason(), u.auto().label());
            }
            FieldTuning f = tuning(slot);
            if (f == null) {
                continue;
            }
            out.println();
            out.printf(Locale.ROOT, "%s (slot %d): %d literal%s (contains %d, startswith %d, endswith %d, equals %d); %.1f MB of UTF-16 in the sample%n",
                    f.field(), f.slot(), f.literals().size(), plural(f.literals().size()), f.count(LiteralKind.CONTAINS),
                    f.count(LiteralKind.STARTS_WITH), f.count(LiteralKind.ENDS_WITH), f.count(LiteralKind.EQUALS), f.sampleBytes() / 1e6);
            if (f.dictionaryBlocks() > 0) {
                out.printf(Locale.ROOT, "  %d of %d sample blocks dictionary-encoded: timed over their distinct values, as the scan matches them%n",
                        f.dictionaryBlocks(), f.sampleBlocks());
            }
            out.printf(Locale.ROOT, "  %-26s %9s %19s %8s %7s %8s %9s%n", "strategy", "GB/s", "spread (min-max)", "x auto", "rounds",
                    "checked", "MB/pass");
            StrategyTiming winner = f.winner();
            for (StrategyTiming t : f.timings()) {
                String mark = (t == f.auto() ? " auto" : "") + (t == winner ? " <- winner" : "") + (t.warmedUp() ? "" : " (not warmed up)")
                        + (t.bytesPerRound() == f.sampleBytes() ? "" : " (part of the sample)");
                out.printf(Locale.ROOT, "  %-26s %9.3f %9.3f-%-9.3f %7.2fx %7d %7.0f%% %9.2f%s%n", t.label(), t.medianGbps(),
                        t.minGbps(), t.maxGbps(), f.ratioToAuto(t), t.rounds(), 100.0 * t.checkedBytes() / Math.max(1, f.sampleBytes()),
                        t.bytesPerRound() / 1e6, mark);
            }
        }
        out.println();
        if (fields.isEmpty()) {
            out.println(nothingTimed());
            out.flush();
            return;
        }
        out.println("self-test: every strategy reported the same hits on the part of the sample it checked (column 'checked').");
        if (fields.stream().anyMatch(f -> f.timings().stream().anyMatch(t -> !t.warmedUp()))) {
            out.println("(not warmed up): the warm-up ended by time, not by stable rounds; that figure may be of not-yet-compiled"
                    + " code. Give more --seconds (or fewer --sample-blocks) to measure it properly.");
        }
        out.println("winner: the fastest of the figures that are warmed up and cover the whole sample (auto's choice if none beats it);"
                + " the profile (-o) takes it.");
        if (!untimed.isEmpty()) {
            out.println("not timed: " + untimedNames() + ": no value in the sample, nothing to time; the profile keeps auto's choice"
                    + " there (tune on files, or more --sample-blocks, that hold these fields to time them).");
        }
        out.flush();
    }

    /**
     * The one line to say when no slot was timed ({@link #fields()} empty): no field of the rules has a
     * value in the sample, or the rules match no field by literal; {@code null} when something was timed.
     */
    public String nothingTimed() {
        if (!fields.isEmpty()) {
            return null;
        }
        if (untimed.isEmpty()) {
            return "nothing to time: these rules match no field by literal; the profile (-o) is auto's choice (no literal set).";
        }
        return String.format(Locale.ROOT, "nothing could be timed: no field these rules match by literal (%s) has a value in the %d sample"
                + " block%s; the profile (-o) keeps auto's choice for every field. Tune on event files that hold these fields.",
                untimedNames(), sampleBlocks, sampleBlocks == 1 ? "" : "s");
    }

    private String untimedNames() {
        List<String> names = new ArrayList<>();
        for (UntimedField u : untimed) {
            names.add(u.field() + " (slot " + u.slot() + ")");
        }
        return String.join(", ", names);
    }

    /** Opens a field slot's JSON object with what timed and untimed slots share: slot, field, literals by kind, sample blocks. */
    private static void writeSlot(JsonGenerator g, int slot, dev.widescan.format.Field field, dev.widescan.match.LiteralSet literals,
                                  String fingerprint, int sampleBlocks) throws IOException {
        g.writeStartObject();
        g.writeNumberField("slot", slot);
        g.writeStringField("field", field.name());
        g.writeNumberField("literals", literals.size());
        g.writeObjectFieldStart("literalKinds");
        for (LiteralKind k : LiteralKind.values()) {
            g.writeNumberField(k.name().toLowerCase(Locale.ROOT), literals.literals().stream().filter(l -> l.kind() == k).count());
        }
        g.writeEndObject();
        g.writeStringField("fingerprint", fingerprint);
        g.writeNumberField("sampleBlocks", sampleBlocks);
    }

    public void writeJson(Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeObjectFieldStart("machine");
            g.writeStringField("cpu", machine.cpuModel());
            g.writeNumberField("logicalCpus", machine.logicalCpus());
            g.writeNumberField("vectorBits", machine.vectorBits());
            g.writeStringField("jdk", machine.jdk());
            g.writeEndObject();
            g.writeObjectFieldStart("sample");
            g.writeNumberField("blocks", sampleBlocks);
            g.writeNumberField("requestedBlocks", requestedBlocks);
            g.writeNumberField("archiveBlocks", archiveBlocks);
            g.writeNumberField("files", files);
            g.writeNumberField("threads", 1);
            g.writeEndObject();
            g.writeNumberField("budgetSeconds", budgetSeconds);
            g.writeNumberField("elapsedSeconds", elapsedSeconds);
            g.writeBooleanField("selfTestPassed", true);
            g.writeArrayFieldStart("fields");
            for (FieldTuning f : fields) {
                writeSlot(g, f.slot(), f.field(), f.literals(), f.fingerprint(), f.sampleBlocks());
                g.writeNumberField("dictionaryBlocks", f.dictionaryBlocks());
                g.writeStringField("dictionaryNote", f.dictionaryBlocks() == 0 ? "no dictionary-encoded block in the sample"
                        : "dictionary-encoded blocks timed over their distinct values, as the scan matches them");
                g.writeNumberField("sampleBytes", f.sampleBytes());
                g.writeStringField("auto", f.auto().label());
                g.writeStringField("winner", f.winner().label());
                g.writeArrayFieldStart("strategies");
                for (StrategyTiming t : f.timings()) {
                    g.writeStartObject();
                    g.writeStringField("strategy", t.candidate().strategy());
                    g.writeObjectFieldStart("parameters");
                    for (Map.Entry<String, String> p : t.candidate().parameters().entrySet()) {
                        g.writeStringField(p.getKey(), p.getValue());
                    }
                    g.writeEndObject();
                    g.writeStringField("label", t.label());
                    g.writeNumberField("medianGBps", round(t.medianGbps()));
                    g.writeNumberField("minGBps", round(t.minGbps()));
                    g.writeNumberField("maxGBps", round(t.maxGbps()));
                    g.writeNumberField("ratioToAuto", round(f.ratioToAuto(t)));
                    g.writeNumberField("rounds", t.rounds());
                    g.writeNumberField("warmupRounds", t.warmupRounds());
                    g.writeBooleanField("warmedUp", t.warmedUp());
                    g.writeBooleanField("trusted", f.trusted(t));
                    g.writeNumberField("bytesPerRound", t.bytesPerRound());
                    g.writeNumberField("piecesPerRound", t.piecesPerRound());
                    g.writeNumberField("checkedBytes", t.checkedBytes());
                    g.writeNumberField("buildMillis", round(t.buildMillis()));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            // Apart from "fields", whose every entry has figures, auto and winner: a consumer of "fields"
            // reads the same meaning as before; these slots have no figure and the profile keeps auto's choice.
            g.writeArrayFieldStart("untimedFields");
            for (UntimedField u : untimed) {
                writeSlot(g, u.slot(), u.field(), u.literals(), u.fingerprint(), u.sampleBlocks());
                g.writeNumberField("presentBlocks", u.presentBlocks());
                g.writeNumberField("sampleBytes", 0);
                g.writeBooleanField("timed", false);
                g.writeStringField("reason", u.reason());
                g.writeStringField("auto", u.auto().label());
                g.writeStringField("profile", u.auto().label());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (fields.isEmpty()) {
                g.writeStringField("nothingTimed", nothingTimed());
            }
            g.writeEndObject();
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10_000) / 10_000.0 : 0;
    }
}
