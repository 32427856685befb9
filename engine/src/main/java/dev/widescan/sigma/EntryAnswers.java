package dev.widescan.sigma;

import dev.widescan.format.RecordColumn;
import java.util.Arrays;

/**
 * A thread's memo of one check's answer per distinct value of a block: on a dictionary or constant column
 * every record of an entry gets the same answer, so a costly check (regex, glob) runs once per entry and
 * block, not once per record. Forgotten when the column view is re-pointed ({@link RecordColumn#generation()}):
 * the next block's codes mean other values.
 */
final class EntryAnswers {
    private static final byte UNKNOWN = 0;
    private static final byte NO = 1;
    private static final byte YES = 2;

    /** How a check answers for one record (it reads the record's value, whatever the column's kind). */
    @FunctionalInterface
    interface Answer {
        boolean test(RecordColumn column, int record);
    }

    private byte[] answers = new byte[0];
    private long generation = -1;

    /** {@code answer} for {@code record}, asked once per entry of the block when the column has entries. */
    boolean test(RecordColumn column, int record, Answer answer) {
        if (!column.hasEntries()) {
            return answer.test(column, record);
        }
        if (column.generation() != generation) { // a new block: the view was re-pointed
            generation = column.generation();
            int entries = column.dictionary().count();
            if (answers.length < entries) {
                answers = new byte[Math.max(entries, 2 * answers.length)];
            }
            Arrays.fill(answers, 0, entries, UNKNOWN);
        }
        int entry = column.code(record);
        if (answers[entry] == UNKNOWN) {
            answers[entry] = answer.test(column, record) ? YES : NO;
        }
        return answers[entry] == YES;
    }
}
