package dev.widescan.ingest.evtx;

import dev.widescan.ingest.ProcessCreation;

/**
 * A template definition compiled for ingest: only the elements and attributes that become
 * {@link dev.widescan.ingest.SourceFields} slots, as a flat list of operations over the substitution
 * values of a record. Built once per template and chunk by {@link TemplateCompiler}, run once per record
 * by {@link RecordReader}; everything else in the template (Level, Keywords, Execution, unknown Data
 * names, UserData) costs nothing per record.
 *
 * <p>Operations are three ints: opcode, a, b.
 */
final class TemplatePlan {
    /** a = slot: start the text of a field. */
    static final int BEGIN_FIELD = 1;
    /** Start the text of a Data element's Name attribute (a substitution or mixed text). */
    static final int BEGIN_NAME = 2;
    /** Start the text of a Data element whose slot was set by the last END_NAME. */
    static final int BEGIN_DATA = 3;
    /** a = literal index: append literal text. */
    static final int TEXT = 4;
    /** a = substitution index: append that value's text. */
    static final int SUBST = 5;
    /** Store the text into the field's slot. */
    static final int END_FIELD = 6;
    /** The collected text names the Data slot for the next BEGIN_DATA. */
    static final int END_NAME = 7;
    /** a = substitution index, b = context: a substitution as element content; read it as XML when it is BinXml. */
    static final int NESTED = 8;
    /** The System element ended: EventID, Channel and Provider are known. */
    static final int SYSTEM_END = 9;

    final int[] ops;
    final int opCount;
    final String[] literals;
    /** No operation after SYSTEM_END can change what {@link ProcessCreation#classify} decides. */
    final boolean classifyAtSystemEnd;

    TemplatePlan(int[] ops, int opCount, String[] literals) {
        this.ops = ops;
        this.opCount = opCount;
        this.literals = literals;
        this.classifyAtSystemEnd = decidesAtSystemEnd(ops, opCount);
    }

    private static boolean decidesAtSystemEnd(int[] ops, int opCount) {
        int i = 0;
        while (i < opCount && ops[3 * i] != SYSTEM_END) {
            i++;
        }
        if (i == opCount) {
            return false;
        }
        for (i++; i < opCount; i++) {
            int op = ops[3 * i];
            if (op == BEGIN_DATA || op == NESTED || op == SYSTEM_END
                    || (op == BEGIN_FIELD && ProcessCreation.classifiesBy(ops[3 * i + 1]))) {
                return false;
            }
        }
        return true;
    }
}
