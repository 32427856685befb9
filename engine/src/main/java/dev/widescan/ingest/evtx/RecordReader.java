package dev.widescan.ingest.evtx;

import dev.widescan.format.EventRecord;
import dev.widescan.ingest.Outcome;
import dev.widescan.ingest.ProcessCreation;
import dev.widescan.ingest.SourceFields;

/**
 * Reads the BinXML of one event record into {@link SourceFields} and hands them to the shared mapping
 * ({@link ProcessCreation#normalize}), which is what makes an EVTX record and its JSON rendering the
 * same {@link EventRecord}.
 *
 * <p>A record is a fragment holding a template instance: a template definition (inline the first time
 * the chunk uses it, else an offset to where it was first written) and the record's substitution array.
 * The definition is compiled once per chunk into a {@link TemplatePlan} (the template cache); the record
 * costs its substitution descriptors plus the fields the plan names. Filtering before rendering: values
 * of the System fields that do not decide the outcome (TimeCreated, Computer, EventRecordID) are only
 * located, not rendered, until the record is known to be kept; at the end of System the outcome is
 * decided from EventID, Channel and Provider, and a non-process record stops there, its EventData never
 * touched, whenever nothing later in the template can change the decision; when something could
 * (EventData written as a nested BinXml value, as the Security log does, or Data names given by
 * substitutions) the rest is walked rendering only the fields that decide, and the record is read again
 * in full in the rare case they turn it into a process creation.
 *
 * <p>Nested BinXml values (type 0x21) at element level are read as XML in the context where they sit,
 * up to {@value #MAX_NESTING} levels; deeper is damage. One instance per thread; reused per chunk.
 */
final class RecordReader {
    static final int MAX_NESTING = 8;
    private static final int SLOT_DISCARD = -1;
    /** The text being collected is a Data element's Name, not a field. */
    private static final int NAME_TARGET = Integer.MAX_VALUE;
    private static final int MAX_DEFERRED = 32;
    /**
     * Work allowed for one record, in plan operations plus compiled bytes. A real record needs a few
     * hundred; the cap stops a damaged one whose plans point many times at the same nested value
     * (work growing as count^depth) from running for ever.
     */
    static final int WORK_BUDGET = 1 << 20;
    /** Longest field text built from pieces; real ones are bounded by the 64 KiB record. */
    static final int MAX_TEXT = 1 << 22;

    private final NameCache names = new NameCache();
    private final TemplateCompiler compiler = new TemplateCompiler(names);
    private final OffsetCache<TemplatePlan> templates = new OffsetCache<>();
    private final Substitutions[] levels = new Substitutions[MAX_NESTING + 1];
    private final Substitutions none = new Substitutions();
    private final SourceFields fields = new SourceFields();
    private final StringBuilder text = new StringBuilder();
    private final String[] smallNumbers = new String[65536];
    private final int[] deferredSlot = new int[MAX_DEFERRED];
    private final int[] deferredOffset = new int[MAX_DEFERRED];
    private final int[] deferredSize = new int[MAX_DEFERRED];
    private final int[] deferredType = new int[MAX_DEFERRED];
    private int deferredCount;
    private byte[] chunk;
    private Outcome early;
    private int work;
    /** Past System of a record already classified as skipped: only classifying fields are rendered. */
    private boolean classifyingOnly;
    /** Second pass of a record whose content after System made it a process creation. */
    private boolean fullRender;
    private int slot;
    private int dataSlot;
    private int pieces;
    private String firstPiece;
    private int pendingSubst;
    private Substitutions pendingIn;

    RecordReader() {
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new Substitutions();
        }
    }

    /** A new chunk: names and templates are per chunk. */
    void startChunk(byte[] chunkBytes) {
        this.chunk = chunkBytes;
        names.clear();
        templates.clear();
    }

    /** Reads the BinXML at {@code chunk[pos, end)}; {@code into} holds the record when KEPT. */
    Outcome read(int pos, int end, EventRecord into) throws EvtxDamage {
        fields.clear();
        deferredCount = 0;
        early = null;
        classifyingOnly = false;
        work = WORK_BUDGET;
        fragment(pos, end, TemplateCompiler.CTX_ROOT, 0);
        if (early != null) {
            return early;
        }
        if (classifyingOnly) {
            Outcome o = ProcessCreation.classify(fields);
            if (o != Outcome.KEPT) {
                return o;
            }
            // Content after System (a Data named like a classifying field) made it a process creation:
            // rare enough to read the record again, rendering everything.
            fields.clear();
            deferredCount = 0;
            classifyingOnly = false;
            fullRender = true;
            work = WORK_BUDGET;
            try {
                fragment(pos, end, TemplateCompiler.CTX_ROOT, 0);
            } finally {
                fullRender = false;
            }
        }
        for (int i = 0; i < deferredCount; i++) {
            if (deferredSlot[i] < 0) {
                continue;
            }
            fields.set(deferredSlot[i], render(deferredOffset[i], deferredSize[i], deferredType[i]));
        }
        return ProcessCreation.normalize(fields, into);
    }

    private void fragment(int pos, int end, int ctx, int level) throws EvtxDamage {
        if (level > MAX_NESTING) {
            throw new EvtxDamage("BinXml values nested deeper than " + MAX_NESTING);
        }
        while (pos < end && early == null) {
            int token = chunk[pos] & 0xFF;
            if (token == 0x0F) {
                pos += 4;
            } else if (token == 0x00) {
                return;
            } else if (token == 0x0C) {
                pos = instance(pos, end, ctx, level);
            } else {
                spend(end - pos);
                run(compiler.compile(chunk, pos, end, ctx, false), none, level);
                return;
            }
        }
    }

    /** A template instance at {@code pos}: returns the position after its substitution values. */
    private int instance(int pos, int end, int ctx, int level) throws EvtxDamage {
        Le.need(pos, 10, end);
        int definition = Le.i32(chunk, pos + 6);
        int p = pos + 10;
        if (definition == p) {
            int dataSize = Le.i32(chunk, p + 20, end);
            if (dataSize < 0 || dataSize > end - p - 24) {
                throw new EvtxDamage("inline template definition of " + Integer.toUnsignedString(dataSize)
                        + " bytes runs past its record at offset " + p);
            }
            p += 24 + dataSize;
        }
        TemplatePlan plan = template(definition, ctx);
        Substitutions values = levels[level];
        p = values.read(chunk, p, end);
        run(plan, values, level);
        return p;
    }

    private TemplatePlan template(int definition, int ctx) throws EvtxDamage {
        if (definition < ChunkReader.HEADER_SIZE || definition > chunk.length - 24) {
            throw new EvtxDamage("template definition offset " + definition + " is outside the chunk's records");
        }
        int key = definition * 8 + ctx;
        TemplatePlan plan = templates.get(key);
        if (plan == null) {
            int dataSize = Le.i32(chunk, definition + 20);
            int start = definition + 24;
            if (dataSize < 0 || dataSize > chunk.length - start) {
                throw new EvtxDamage("template definition at " + definition + " runs past the chunk");
            }
            spend(dataSize);
            plan = compiler.compile(chunk, start, start + dataSize, ctx, true);
            templates.put(key, plan);
        }
        return plan;
    }

    private void spend(int units) throws EvtxDamage {
        work -= units;
        if (work < 0) {
            throw new EvtxDamage("record needs more than " + WORK_BUDGET + " steps (nested values referenced over and over)");
        }
    }

    private void run(TemplatePlan plan, Substitutions values, int level) throws EvtxDamage {
        spend(plan.opCount + 1);
        int[] ops = plan.ops;
        for (int i = 0, k = 0; i < plan.opCount; i++, k += 3) {
            switch (ops[k]) {
                case TemplatePlan.BEGIN_FIELD -> begin(ops[k + 1]);
                case TemplatePlan.BEGIN_NAME -> begin(NAME_TARGET);
                case TemplatePlan.BEGIN_DATA -> begin(dataSlot);
                case TemplatePlan.TEXT -> {
                    if (slot != SLOT_DISCARD) {
                        appendText(plan.literals[ops[k + 1]]);
                    }
                }
                case TemplatePlan.SUBST -> {
                    if (slot != SLOT_DISCARD) {
                        appendSubst(ops[k + 1], values);
                    }
                }
                case TemplatePlan.END_FIELD -> {
                    if (slot != SLOT_DISCARD) {
                        endField(level);
                    }
                }
                case TemplatePlan.END_NAME -> dataSlot = SourceFields.slotOf(takeText());
                case TemplatePlan.NESTED -> nested(ops[k + 1], ops[k + 2], values, level);
                case TemplatePlan.SYSTEM_END -> {
                    if (level == 0 && !fullRender) {
                        Outcome o = ProcessCreation.classify(fields);
                        if (o != Outcome.KEPT) {
                            if (plan.classifyAtSystemEnd) {
                                early = o;
                                return;
                            }
                            // Nested or dynamically named content follows: keep reading, but render
                            // only what could still change the decision.
                            classifyingOnly = true;
                        }
                    }
                }
                default -> throw new IllegalStateException("unknown plan operation " + ops[k]);
            }
            if (early != null) {
                return;
            }
        }
    }

    private void nested(int index, int ctx, Substitutions values, int level) throws EvtxDamage {
        if (index < values.count && values.type[index] == EvtxValues.BINXML) {
            int off = values.offset[index];
            fragment(off, off + values.size[index], ctx, level + 1);
        }
    }

    private void begin(int target) {
        slot = classifyingOnly && target != NAME_TARGET && !ProcessCreation.classifiesBy(target) ? SLOT_DISCARD : target;
        pieces = 0;
        firstPiece = null;
        pendingSubst = -1;
    }

    private void appendText(String s) throws EvtxDamage {
        if (pieces == 0) {
            firstPiece = s;
        } else {
            materialize();
            text.append(s);
            checkLength();
        }
        pieces++;
    }

    private void checkLength() throws EvtxDamage {
        if (text.length() > MAX_TEXT) {
            throw new EvtxDamage("field text longer than " + MAX_TEXT + " characters");
        }
    }

    private void appendSubst(int index, Substitutions values) throws EvtxDamage {
        if (index >= values.count) {
            throw new EvtxDamage("substitution " + index + " of " + values.count + " values");
        }
        if (pieces == 0) {
            pendingSubst = index;
            pendingIn = values;
        } else {
            materialize();
            text.append(render(values.offset[index], values.size[index], values.type[index]));
            checkLength();
        }
        pieces++;
    }

    /** From the second piece on, the text is collected in {@link #text}. */
    private void materialize() throws EvtxDamage {
        if (pieces == 1) {
            text.setLength(0);
            text.append(single());
        }
    }

    private String single() throws EvtxDamage {
        if (pendingSubst >= 0) {
            Substitutions v = pendingIn;
            return render(v.offset[pendingSubst], v.size[pendingSubst], v.type[pendingSubst]);
        }
        return firstPiece;
    }

    private String takeText() throws EvtxDamage {
        return pieces == 0 ? "" : pieces == 1 ? single() : text.toString();
    }

    private void endField(int level) throws EvtxDamage {
        if (pieces == 1 && pendingSubst >= 0 && level == 0 && !ProcessCreation.classifiesBy(slot) && defer()) {
            return;
        }
        for (int i = 0; i < deferredCount; i++) {
            if (deferredSlot[i] == slot) {
                deferredSlot[i] = -1; // superseded: a later value of the same field wins
            }
        }
        fields.set(slot, takeText());
    }

    /** Keeps where a field's value is, to render it only if the record is kept. */
    private boolean defer() {
        for (int i = 0; i < deferredCount; i++) {
            if (deferredSlot[i] == slot) {
                store(i);
                return true;
            }
        }
        if (deferredCount == MAX_DEFERRED) {
            return false;
        }
        store(deferredCount++);
        return true;
    }

    private void store(int i) {
        deferredSlot[i] = slot;
        deferredOffset[i] = pendingIn.offset[pendingSubst];
        deferredSize[i] = pendingIn.size[pendingSubst];
        deferredType[i] = pendingIn.type[pendingSubst];
    }

    private String render(int off, int size, int type) throws EvtxDamage {
        int small = -1;
        if (type == 0x06 && size == 2) {
            small = Le.u16(chunk, off, chunk.length);
        } else if (type == 0x04 && size == 1) {
            small = Le.u8(chunk, off, chunk.length);
        } else if (type == 0x08 && size == 4) {
            int v = Le.i32(chunk, off, chunk.length);
            small = v >= 0 && v < smallNumbers.length ? v : -1;
        }
        if (small >= 0) {
            String s = smallNumbers[small];
            if (s == null) {
                s = Integer.toString(small);
                smallNumbers[small] = s;
            }
            return s;
        }
        return EvtxValues.render(chunk, off, size, type);
    }
}
