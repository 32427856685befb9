package dev.widescan.bench.yardstick;

import dev.widescan.format.Utf16Column;
import dev.widescan.match.FoldedLiterals;
import dev.widescan.match.HitSink;
import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.Searcher;
import dev.widescan.text.CaseFolding;
import java.lang.foreign.MemorySegment;

/**
 * What the platform gives for free: the JVM's intrinsic {@code indexOf} (SIMD first/last-unit compare on
 * x86), once per literal per value, over a folded copy of the value.
 *
 * <p>{@code String.indexOf} needs a {@code String}, and building one per value allocates (a copy, plus a
 * Latin-1 compression attempt). {@code StringBuilder.indexOf(String)} reaches the very same intrinsic
 * ({@code AbstractStringBuilder.indexOf -> String.indexOf(byte[], coder, ...)}), so the value is copied
 * into a reused char buffer, folded there, and appended to a reused builder: zero allocation once the
 * buffers have grown to the longest value. The builder stays in UTF-16 mode after the first non-Latin-1
 * value (it never deflates on {@code setLength(0)}); the intrinsic then runs its UTF-16 x Latin-1 variant,
 * which is as fast. Only CONTAINS literals use {@code indexOf}; the other kinds are one region compare.
 */
public final class IndexOfMatcher implements Matcher {
    public static final String NAME = "indexof";

    private final FoldedLiterals folded;
    private final String[] texts;
    private final boolean anyCased;
    private final boolean anyCaseless;

    public IndexOfMatcher(LiteralSet literals) {
        folded = new FoldedLiterals(literals);
        texts = new String[folded.size()];
        boolean cased = false;
        boolean caseless = false;
        for (int id = 0; id < texts.length; id++) {
            texts[id] = new String(folded.units(id));
            cased |= !folded.caseless(id);
            caseless |= folded.caseless(id);
        }
        anyCased = cased;
        anyCaseless = caseless;
    }

    @Override
    public String strategyName() {
        return NAME;
    }

    @Override
    public LiteralSet literals() {
        return folded.set();
    }

    /** Reused per-thread buffers: the raw and folded copies of the current value. */
    static final class Scratch {
        char[] chars = new char[256];
        final StringBuilder raw = new StringBuilder(256);
        final StringBuilder fold = new StringBuilder(256);
    }

    @Override
    public Searcher newSearcher() {
        Scratch s = new Scratch();
        return (column, fromValue, toValue, sink) -> scan(column, fromValue, toValue, s, sink);
    }

    private void scan(Utf16Column column, int fromValue, int toValue, Scratch s, HitSink sink) {
        MemorySegment units = column.units();
        int literalCount = texts.length;
        for (int v = fromValue; v < toValue; v++) {
            int start = column.offset(v);
            int len = column.checkedLength(v);
            int end = start + len;
            if (len == 0) {
                continue;
            }
            if (s.chars.length < len) {
                s.chars = new char[Math.max(len, 2 * s.chars.length)];
            }
            char[] chars = s.chars;
            MemorySegment.copy(units, Utf16Column.UNIT, 2L * start, chars, 0, len);
            if (anyCased) {
                s.raw.setLength(0);
                s.raw.append(chars, 0, len);
            }
            if (anyCaseless) {
                for (int k = 0; k < len; k++) {
                    chars[k] = CaseFolding.fold(chars[k]);
                }
                s.fold.setLength(0);
                s.fold.append(chars, 0, len);
            }
            for (int id = 0; id < literalCount; id++) {
                int litLen = texts[id].length();
                if (litLen > len) {
                    continue;
                }
                boolean hit = switch (folded.kind(id)) {
                    case CONTAINS -> (folded.caseless(id) ? s.fold : s.raw).indexOf(texts[id]) >= 0;
                    case STARTS_WITH -> folded.equalsAt(id, units, start);
                    case ENDS_WITH -> folded.equalsAt(id, units, end - litLen);
                    case EQUALS -> litLen == len && folded.equalsAt(id, units, start);
                };
                if (hit) {
                    sink.hit(v, id);
                }
            }
        }
    }
}
