package dev.widescan.ingest.evtx;

import dev.widescan.format.Field;
import dev.widescan.ingest.SourceFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles a BinXML token stream ([MS-EVEN6] 2.2.12: elements, attributes, values, substitutions,
 * character and entity references, CDATA, processing instructions) into a {@link TemplatePlan}.
 *
 * <p>Why compile instead of walking the tokens per record: a chunk holds a few templates and hundreds
 * of records built from them, and ingest needs a handful of fields out of each. Walking the template
 * once and keeping, per field, where its text comes from (a literal or substitution n) leaves a record
 * with only its substitution array to read. The element path decides the field: Event/System/{EventID,
 * Channel, Computer, EventRecordID}, Provider@Name, TimeCreated@SystemTime, and Event/EventData/Data
 * by its Name attribute (the same keys the JSON shapes use, {@link SourceFields#slotOf}).
 *
 * <p>Every token advances the position and every length is checked against the stream's end, so
 * damaged input ends in {@link EvtxDamage}, never in a loop or an over-read. Not thread-safe (one per
 * reader thread).
 */
final class TemplateCompiler {
    static final int CTX_ROOT = 0;
    static final int CTX_EVENT = 1;
    static final int CTX_SYSTEM = 2;
    static final int CTX_EVENT_DATA = 3;
    static final int CTX_IGNORE = 4;

    private static final int KIND_NONE = 0;
    private static final int KIND_FIELD = 1;
    private static final int KIND_PROVIDER = 2;
    private static final int KIND_TIME_CREATED = 3;
    private static final int KIND_DATA = 4;

    private static final int SLOT_NONE = -1;
    private static final int SLOT_DYNAMIC = -2;

    private static final int ATTR_NONE = 0;
    private static final int ATTR_IGNORED = 1;
    private static final int ATTR_FIELD = 2;
    private static final int ATTR_NAME = 3;

    private static final int MAX_DEPTH = 64;

    private final NameCache names;
    private int[] ops = new int[96];
    private int opCount;
    private final List<String> literals = new ArrayList<>();
    private final int[] stackCtx = new int[MAX_DEPTH];
    private final int[] stackKind = new int[MAX_DEPTH];
    private final int[] stackSlot = new int[MAX_DEPTH];
    private final boolean[] stackFieldOpen = new boolean[MAX_DEPTH];
    private int depth;
    private int attr;
    private int nameBegin;

    TemplateCompiler(NameCache names) {
        this.names = names;
    }

    /**
     * Compiles the tokens of {@code b[pos, end)}, whose outermost elements sit in context {@code ctx}.
     * {@code template}: element start tokens carry a dependency id (template definitions do, elements
     * written directly in a record or BinXml value do not).
     */
    TemplatePlan compile(byte[] b, int pos, int end, int ctx, boolean template) throws EvtxDamage {
        opCount = 0;
        literals.clear();
        depth = 0;
        attr = ATTR_NONE;
        while (pos < end) {
            int token = b[pos] & 0xFF;
            switch (token & ~0x40) {
                case 0x00 -> pos = end;
                case 0x01 -> pos = openElement(b, pos, end, ctx, template, (token & 0x40) != 0);
                case 0x02 -> {
                    closeStart();
                    pos++;
                }
                case 0x03 -> {
                    closeEmpty();
                    pos++;
                }
                case 0x04 -> {
                    endElement();
                    pos++;
                }
                case 0x05 -> pos = value(b, pos, end);
                case 0x06 -> pos = attribute(b, pos, end);
                case 0x07 -> pos = cdata(b, pos, end);
                case 0x08 -> {
                    text(String.valueOf((char) Le.u16(b, pos + 1, end)));
                    pos += 3;
                }
                case 0x09 -> {
                    int after = nameRef(b, pos + 1, end);
                    text(entity(names.name(b, Le.i32(b, pos + 1, end))));
                    pos = after;
                }
                case 0x0A -> pos = nameRef(b, pos + 1, end);
                case 0x0B -> pos = pos + 3 + 2 * Le.u16(b, pos + 1, end);
                case 0x0D, 0x0E -> pos = substitution(b, pos, end, ctx);
                case 0x0F -> pos += 4;
                default -> throw new EvtxDamage("unexpected BinXML token 0x" + Integer.toHexString(token) + " at offset " + pos);
            }
        }
        if (pos > end) {
            throw new EvtxDamage("BinXML token runs past the end of its data at " + end);
        }
        return new TemplatePlan(Arrays.copyOf(ops, 3 * opCount), opCount, literals.toArray(String[]::new));
    }

    private int openElement(byte[] b, int pos, int end, int ctx, boolean template, boolean hasAttributes) throws EvtxDamage {
        closeAttribute();
        if (depth == MAX_DEPTH) {
            throw new EvtxDamage("elements nested deeper than " + MAX_DEPTH + " at offset " + pos);
        }
        int p = pos + 1 + (template ? 2 : 0) + 4;
        int nameOffset = Le.i32(b, p, end);
        p = nameRef(b, p, end);
        if (hasAttributes) {
            Le.need(p, 4, end);
            p += 4;
        }
        String name = names.name(b, nameOffset);
        int parent = depth == 0 ? ctx : stackCtx[depth - 1];
        int childCtx = CTX_IGNORE;
        int kind = KIND_NONE;
        int slot = SLOT_NONE;
        switch (parent) {
            case CTX_ROOT -> childCtx = name.equals("Event") ? CTX_EVENT : CTX_IGNORE;
            case CTX_EVENT -> childCtx = name.equals("System") ? CTX_SYSTEM : name.equals("EventData") ? CTX_EVENT_DATA : CTX_IGNORE;
            case CTX_SYSTEM -> {
                switch (name) {
                    case "Provider" -> kind = KIND_PROVIDER;
                    case "TimeCreated" -> kind = KIND_TIME_CREATED;
                    case "EventID", "Channel", "Computer", "EventRecordID" -> {
                        kind = KIND_FIELD;
                        slot = SourceFields.slotOf(name);
                    }
                    default -> kind = KIND_NONE;
                }
            }
            case CTX_EVENT_DATA -> kind = name.equals("Data") ? KIND_DATA : KIND_NONE;
            default -> kind = KIND_NONE;
        }
        stackCtx[depth] = childCtx;
        stackKind[depth] = kind;
        stackSlot[depth] = slot;
        stackFieldOpen[depth] = false;
        depth++;
        return p;
    }

    private void closeStart() throws EvtxDamage {
        closeAttribute();
        int top = top();
        int slot = stackSlot[top];
        if (slot >= 0) {
            emit(TemplatePlan.BEGIN_FIELD, slot, 0);
            stackFieldOpen[top] = true;
        } else if (slot == SLOT_DYNAMIC) {
            emit(TemplatePlan.BEGIN_DATA, 0, 0);
            stackFieldOpen[top] = true;
        }
    }

    private void closeEmpty() throws EvtxDamage {
        closeStart();
        endElement();
    }

    private void endElement() throws EvtxDamage {
        closeAttribute();
        int top = top();
        if (stackFieldOpen[top]) {
            emit(TemplatePlan.END_FIELD, 0, 0);
        }
        if (stackCtx[top] == CTX_SYSTEM) {
            emit(TemplatePlan.SYSTEM_END, 0, 0);
        }
        depth--;
    }

    private int top() throws EvtxDamage {
        if (depth == 0) {
            throw new EvtxDamage("element end without a start");
        }
        return depth - 1;
    }

    private int attribute(byte[] b, int pos, int end) throws EvtxDamage {
        closeAttribute();
        int nameOffset = Le.i32(b, pos + 1, end);
        int after = nameRef(b, pos + 1, end);
        String name = names.name(b, nameOffset);
        int kind = stackKind[top()];
        if (kind == KIND_PROVIDER && name.equals("Name")) {
            emit(TemplatePlan.BEGIN_FIELD, Field.Provider_Name.ordinal(), 0);
            attr = ATTR_FIELD;
        } else if (kind == KIND_TIME_CREATED && name.equals("SystemTime")) {
            emit(TemplatePlan.BEGIN_FIELD, SourceFields.TIME_CREATED, 0);
            attr = ATTR_FIELD;
        } else if (kind == KIND_DATA && name.equals("Name")) {
            nameBegin = opCount;
            emit(TemplatePlan.BEGIN_NAME, 0, 0);
            attr = ATTR_NAME;
        } else {
            attr = ATTR_IGNORED;
        }
        return after;
    }

    private void closeAttribute() {
        if (attr == ATTR_FIELD) {
            emit(TemplatePlan.END_FIELD, 0, 0);
        } else if (attr == ATTR_NAME) {
            int top = depth - 1;
            if (opCount == nameBegin + 2 && ops[3 * (nameBegin + 1)] == TemplatePlan.TEXT) {
                // A literal name (the usual case): the slot is known now, no per-record work.
                stackSlot[top] = SourceFields.slotOf(literals.get(ops[3 * (nameBegin + 1) + 1]));
                opCount = nameBegin;
            } else {
                emit(TemplatePlan.END_NAME, 0, 0);
                stackSlot[top] = SLOT_DYNAMIC;
            }
        }
        attr = ATTR_NONE;
    }

    private int value(byte[] b, int pos, int end) throws EvtxDamage {
        int type = Le.u8(b, pos + 1, end);
        if (type != EvtxValues.STRING) {
            throw new EvtxDamage("value token of type 0x" + Integer.toHexString(type) + " at offset " + pos);
        }
        int chars = Le.u16(b, pos + 2, end);
        Le.need(pos + 4, 2 * chars, end);
        if (collecting()) {
            text(EvtxValues.utf16(b, pos + 4, 2 * chars));
        }
        return pos + 4 + 2 * chars;
    }

    private int cdata(byte[] b, int pos, int end) throws EvtxDamage {
        int chars = Le.u16(b, pos + 1, end);
        Le.need(pos + 3, 2 * chars, end);
        if (collecting()) {
            text(EvtxValues.utf16(b, pos + 3, 2 * chars));
        }
        return pos + 3 + 2 * chars;
    }

    private int substitution(byte[] b, int pos, int end, int ctx) throws EvtxDamage {
        int index = Le.u16(b, pos + 1, end);
        Le.u8(b, pos + 3, end);
        if (collecting()) {
            emit(TemplatePlan.SUBST, index, 0);
        } else if (attr == ATTR_NONE) {
            int where = depth == 0 ? ctx : stackCtx[depth - 1];
            if (where != CTX_IGNORE && (depth == 0 || stackKind[depth - 1] == KIND_NONE)) {
                emit(TemplatePlan.NESTED, index, where);
            }
        }
        return pos + 4;
    }

    /** Text tokens here belong to a field (an open attribute of interest or a field element's content). */
    private boolean collecting() {
        if (attr == ATTR_FIELD || attr == ATTR_NAME) {
            return true;
        }
        return attr == ATTR_NONE && depth > 0 && stackFieldOpen[depth - 1];
    }

    private void text(String s) {
        if (collecting()) {
            literals.add(s);
            emit(TemplatePlan.TEXT, literals.size() - 1, 0);
        }
    }

    /** Skips a name reference at {@code pos} (4 bytes, plus the name itself when it is stored inline). */
    private static int nameRef(byte[] b, int pos, int end) throws EvtxDamage {
        int offset = Le.i32(b, pos, end);
        int p = pos + 4;
        if (offset == p) {
            int chars = Le.u16(b, p + 6, end);
            p += 10 + 2 * chars;
            Le.need(pos, p - pos, end);
        }
        return p;
    }

    private static String entity(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> "&" + name + ";";
        };
    }

    private void emit(int op, int a, int bArg) {
        if (3 * opCount + 3 > ops.length) {
            ops = Arrays.copyOf(ops, ops.length * 2);
        }
        ops[3 * opCount] = op;
        ops[3 * opCount + 1] = a;
        ops[3 * opCount + 2] = bArg;
        opCount++;
    }
}
