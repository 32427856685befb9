package dev.widescan.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams JSON Lines (files or stdin) into an {@link EventFileWriter}: one event object per line, kept
 * events appended in input order, skipped ones counted by {@link Outcome}.
 *
 * <p>Why lines are split here rather than letting Jackson read a stream of root values: a malformed
 * line must be reported with its line number and, with {@code --skip-bad}, skipped without losing the
 * rest of the file, which needs a resynchronization point; the newline is that point. Each line is
 * parsed in place from a reused byte buffer (no String per line), and memory is bounded by the longest
 * line plus one block of the writer.
 */
public final class JsonlIngester {
    private static final int READ_CHUNK = 1 << 20;

    private final EventFileWriter out;
    private final boolean skipBad;
    private final JsonEvents events = new JsonEvents();
    private final EventRecord record = new EventRecord();
    private final IngestStats stats;
    private byte[] buf = new byte[READ_CHUNK];

    /** @param skipBad count and skip malformed lines instead of failing on the first one */
    public JsonlIngester(EventFileWriter out, boolean skipBad) {
        this(out, skipBad, new IngestStats());
    }

    /** Counts into {@code stats}, shared with other readers of the same ingest (EVTX files). */
    public JsonlIngester(EventFileWriter out, boolean skipBad, IngestStats stats) {
        this.out = out;
        this.skipBad = skipBad;
        this.stats = stats;
    }

    public IngestStats stats() {
        return stats;
    }

    public void ingest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ingest(in, file.toString());
        }
    }

    /**
     * Reads {@code in} to its end; {@code name} is used in error messages (e.g. "stdin"). A line longer
     * than {@link IngestLimits#MAX_LINE_BYTES} is an error (skipped up to its newline with skip-bad): the
     * buffer never grows past the limit, whatever the input ({@code /dev/zero} included).
     */
    public void ingest(InputStream in, String name) throws IOException {
        int start = 0;
        int end = 0;
        long lineNo = 0;
        boolean eof = false;
        boolean discarding = false; // inside an over-long line being skipped
        boolean sniffed = false;
        while (true) {
            if (!sniffed && (end >= SNIFF_BYTES || eof)) {
                sniffed = true;
                String what = notJsonLines(buf, end);
                if (what != null) {
                    if (!skipBad) {
                        throw new JsonInputException(name + ": " + what, null);
                    }
                    stats.note(name + ": " + what + ": skipped");
                    return;
                }
            }
            int nl = indexOf(buf, (byte) '\n', start, end);
            if (nl < 0) {
                if (discarding) {
                    start = end;
                }
                if (eof) {
                    if (start < end) {
                        line(name, ++lineNo, start, end);
                    }
                    return;
                }
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buf.length) {
                    if (buf.length >= IngestLimits.MAX_LINE_BYTES) {
                        lineNo++;
                        bad(name, lineNo, "line longer than " + (IngestLimits.MAX_LINE_BYTES >> 20)
                                + " MiB without a newline (limit: IngestLimits.MAX_LINE_BYTES)", null, false);
                        stats.countLine(end);
                        discarding = true;
                        start = 0;
                        end = 0;
                    } else {
                        buf = Arrays.copyOf(buf, Math.min(buf.length * 2, IngestLimits.MAX_LINE_BYTES));
                    }
                }
                int n = in.read(buf, end, buf.length - end);
                if (n < 0) {
                    eof = true;
                } else {
                    end += n;
                }
                continue;
            }
            if (discarding) {
                discarding = false;
            } else {
                line(name, ++lineNo, start, nl);
            }
            start = nl + 1;
        }
    }

    private static final int SNIFF_BYTES = 8;

    /**
     * What an input that is plainly not JSON Lines is, from its first bytes, with what to do instead; null
     * when it may be JSON Lines. Archives of logs are usually compressed, and a user may pipe an EVTX file
     * to stdin: "invalid UTF-8 at byte 2 of line 1" would not tell them either.
     */
    static String notJsonLines(byte[] b, int n) {
        String decompress = "decompress it first (e.g. zcat/zstdcat/xzcat FILE | widescan ingest -o OUT.wsev -)";
        if (n >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B) {
            return "gzip-compressed, not JSON Lines: " + decompress;
        }
        if (n >= 4 && (b[0] & 0xFF) == 0x28 && (b[1] & 0xFF) == 0xB5 && (b[2] & 0xFF) == 0x2F && (b[3] & 0xFF) == 0xFD) {
            return "zstd-compressed, not JSON Lines: " + decompress;
        }
        if (n >= 6 && (b[0] & 0xFF) == 0xFD && b[1] == '7' && b[2] == 'z' && b[3] == 'X' && b[4] == 'Z' && b[5] == 0) {
            return "xz-compressed, not JSON Lines: " + decompress;
        }
        if (n >= 3 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h') {
            return "bzip2-compressed, not JSON Lines: " + decompress;
        }
        if (n >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
            return "a zip archive, not JSON Lines: extract its files and ingest them";
        }
        if (n >= 8 && new String(b, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ElfFile\0")) {
            return "an EVTX event log, not JSON Lines: give the .evtx file itself (EVTX is read from files, not from pipes or standard input)";
        }
        // Windows PowerShell 5.1 writes UTF-16 for Out-File and '>' (BOM FF FE); without the BOM, '{' and a 0x00
        // byte (no UTF-8 JSON line holds a raw 0x00): Jackson took such a line 1 as UTF-16, every later line malformed
        boolean le = n >= 2 && ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE || b[0] == '{' && b[1] == 0);
        boolean be = n >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF || b[0] == 0 && b[1] == '{');
        if (le || be) {
            String charset = le ? "UTF-16LE" : "UTF-16BE";
            return charset + " text (PowerShell's Out-File default), not UTF-8 JSON Lines: convert it first"
                    + " (e.g. iconv -f " + charset + " -t UTF-8 FILE | widescan ingest -o OUT.wsev -, or Out-File -Encoding utf8)";
        }
        if (n >= 4 && (b[0] & 0xFF) == 0x89 && b[1] == 'W' && b[2] == 'S' && b[3] == 'E') {
            return "already a widescan event file: scan it directly";
        }
        return null;
    }

    private void line(String name, long lineNo, int from, int to) throws IOException {
        stats.countLine(to - from + 1);
        int s = from;
        if (lineNo == 1 && to - s >= 3 && buf[s] == (byte) 0xEF && buf[s + 1] == (byte) 0xBB && buf[s + 2] == (byte) 0xBF) {
            s += 3; // UTF-8 byte order mark
        }
        while (s < to && isJsonWhitespace(buf[s])) {
            s++;
        }
        if (s == to) {
            return; // blank line
        }
        int invalid = Utf8Check.firstInvalid(buf, s, to);
        if (invalid >= 0) {
            bad(name, lineNo, String.format(java.util.Locale.ROOT, "invalid UTF-8 at byte %d of the line (0x%02X%s)",
                    invalid - from + 1, buf[invalid] & 0xFF, invalid + 1 < to ? String.format(java.util.Locale.ROOT, " 0x%02X", buf[invalid + 1] & 0xFF) : ""),
                    null, false);
            return;
        }
        Outcome outcome;
        try (JsonParser p = JsonEvents.FACTORY.createParser(buf, s, to - s)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                bad(name, lineNo, "expected a JSON object, found " + describe(first)
                        + (first == JsonToken.START_ARRAY ? " (a JSON array? " + ONE_EVENT_PER_LINE + " '.[]')" : ""), null);
                return;
            }
            outcome = events.read(p, record);
            JsonToken after = p.nextToken();
            if (after != null) {
                bad(name, lineNo, "content after the JSON object (" + describe(after) + "): one event per line expected", null);
                return;
            }
        } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
            // Jackson's own text names its internals ("[Source: REDACTED (`StreamReadFeature...` disabled)"); the
            // usual cause is JSON pretty-printed over several lines
            bad(name, lineNo, "the line ends inside a JSON object or string (pretty-printed JSON? " + ONE_EVENT_PER_LINE + " .)", e);
            return;
        } catch (JsonProcessingException e) {
            // StreamReadException (syntax) and StreamConstraintsException (nesting, key length: IngestLimits)
            String where = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
            bad(name, lineNo, e.getOriginalMessage() + where, e);
            return;
        }
        stats.count(outcome);
        if (outcome == Outcome.KEPT) {
            try {
                out.append(record);
            } catch (IllegalArgumentException e) {
                throw new JsonInputException(name + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
    }

    private void bad(String name, long lineNo, String what, Throwable cause) throws JsonInputException {
        bad(name, lineNo, what, cause, true);
    }

    private void bad(String name, long lineNo, String what, Throwable cause, boolean json) throws JsonInputException {
        String where = name + ":" + lineNo + ": " + (json ? "malformed JSON: " : "") + firstLine(what);
        if (!skipBad) {
            throw new JsonInputException(where + " (use --skip-bad to skip such lines)", cause);
        }
        stats.count(Outcome.MALFORMED_JSON);
        stats.note(where + ": line skipped"); // named, as EVTX chunks are (the first IngestStats.MAX_NOTES, then counted)
    }

    /** How to turn other JSON into what ingest reads; the jq filter follows. */
    private static final String ONE_EVENT_PER_LINE = "ingest reads JSON Lines, one event object per line: convert with jq -c";

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String describe(JsonToken t) {
        return t == null ? "end of line" : t.asString() == null ? t.name() : "'" + t.asString() + "'";
    }

    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static int indexOf(byte[] a, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
