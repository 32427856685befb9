package dev.widescan.sigma;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.widescan.format.Field;
import dev.widescan.format.Utf16Column;
import dev.widescan.text.Utf16ValueView;

/**
 * {@code |re}: RE2/J (linear time, no catastrophic backtracking) searched in the value through a
 * zero-copy {@link Utf16ValueView}. The prototype compiled by {@link SigmaCompiler} holds only the
 * pattern; each thread gets its own view and matcher, bound once: per record the view is re-pointed and
 * {@link Matcher#reset()} re-reads its length, so no String or matcher is created per value.
 */
final class RegexCheck implements ColumnCheck {
    private final int field;
    private final Pattern pattern;
    private final Utf16ValueView view;
    private final Matcher matcher;

    RegexCheck(Field field, String regex, int flags) {
        this.field = field.ordinal();
        this.pattern = Pattern.compile(regex, flags);
        this.view = null;
        this.matcher = null;
    }

    private RegexCheck(int field, Pattern pattern) {
        this.field = field;
        this.pattern = pattern;
        this.view = new Utf16ValueView();
        this.matcher = pattern.matcher(view);
    }

    @Override
    public boolean test(Utf16Column[] columns, int record) {
        Utf16Column c = columns[field];
        if (c.isAbsent(record)) {
            return false;
        }
        if (matcher == null) {
            throw new IllegalStateException("regex check used without forThread()");
        }
        view.wrap(c, record);
        matcher.reset();
        return matcher.find();
    }

    @Override
    public int cost() {
        return 20;
    }

    @Override
    public ColumnCheck forThread() {
        return new RegexCheck(field, pattern);
    }
}
