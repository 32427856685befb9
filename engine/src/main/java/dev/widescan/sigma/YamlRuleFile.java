package dev.widescan.sigma;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads one rule file into a YAML node tree, safely: no object construction (only the node graph, so no
 * type tags can instantiate classes), a size cap, a cap on alias expansion (billion-laughs), no recursive
 * keys, and a nesting cap checked on the event stream before composing (the composer recurses, so a
 * deeply nested file must be refused before it reaches it). Nodes keep their marks: every later error
 * names the line.
 */
final class YamlRuleFile {
    /** SigmaHQ rules are a few KiB; 1 MiB leaves room for generated rules and refuses junk. */
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_NESTING = 32;
    static final int MAX_ALIASES = 20;
    static final String MALFORMED = "malformed YAML";
    /**
     * Characters the document may hold once every alias is replaced by what it names. snakeyaml's own
     * cap counts only aliases to collections; aliases to one long scalar are not limited there, and a
     * 945 KB file of them reached 4.4 GB. Four times the file-size cap leaves room for real anchors.
     */
    static final long MAX_EXPANDED_CHARS = 4L * MAX_BYTES;

    private YamlRuleFile() {
    }

    /** One schema for every file: its resolvers are filled once and only read (a new one per file cost ~10 ms a catalog). */
    private static final CoreSchema SCHEMA = new CoreSchema();

    static LoadSettings settings(Path path) {
        return LoadSettings.builder()
                .setLabel(path == null ? "rule" : path.toString())
                .setSchema(SCHEMA)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_BYTES)
                .setUseMarks(true)
                .build();
    }

    static String read(Path path) {
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new SigmaRuleException(path, 0, "file too large",
                        "rule file is " + size + " bytes, more than the " + MAX_BYTES + "-byte limit");
            }
            byte[] bytes = Files.readAllBytes(path);
            String utf16 = utf16(bytes);
            if (utf16 != null) {
                // it was "not valid UTF-8", or without a byte order mark "invalid YAML: special characters are not allowed"
                throw new SigmaRuleException(path, 0, "not UTF-8", "rule file is " + utf16 + " text (Windows Notepad's"
                        + " 'Unicode', PowerShell's Out-File), not UTF-8: save it as UTF-8");
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
            java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            if (decoder.decode(in, out, true).isError()) {
                int at = in.position(); // the first byte the decoder could not take: named by line and column
                int line = 1;
                int lineStart = 0;
                for (int i = 0; i < at; i++) {
                    if (bytes[i] == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                throw new SigmaRuleException(path, line, "not UTF-8", String.format(java.util.Locale.ROOT,
                        "rule file is not valid UTF-8: byte 0x%02X at column %d (save it as UTF-8)", bytes[at] & 0xFF, at - lineStart + 1));
            }
            decoder.flush(out);
            return out.flip().toString();
        } catch (IOException e) {
            throw new SigmaRuleException(path, 0, "unreadable", "cannot read rule file: " + dev.widescan.format.IoMessages.reason(e));
        }
    }

    /** "UTF-16LE" or "UTF-16BE" when {@code b} starts as UTF-16 text does (a byte order mark, or a 0x00 byte in its first two), else null. */
    private static String utf16(byte[] b) {
        if (b.length < 2) {
            return null;
        }
        if ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE || b[0] != 0 && b[1] == 0) {
            return "UTF-16LE";
        }
        if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF || b[0] == 0 && b[1] != 0) {
            return "UTF-16BE";
        }
        return null;
    }

    /** The documents of {@code text}; errors name {@code path} and the line. */
    static List<Node> compose(String text, Path path) {
        LoadSettings settings = settings(path);
        try {
            int depth = 0;
            long expanded = 0;
            java.util.Map<String, Long> anchorSizes = new java.util.HashMap<>();
            long[] openedAt = new long[MAX_NESTING + 2];
            String[] openAnchor = new String[MAX_NESTING + 2];
            List<Event> events = new ArrayList<>();
            for (Event e : new Parse(settings).parseString(text)) {
                events.add(e);
                switch (e.getEventId()) {
                    case MappingStart, SequenceStart -> {
                        if (++depth > MAX_NESTING) {
                            throw new SigmaRuleException(path, line(e), MALFORMED,
                                    "YAML nested deeper than " + MAX_NESTING + " levels");
                        }
                        openedAt[depth] = expanded;
                        openAnchor[depth] = ((org.snakeyaml.engine.v2.events.NodeEvent) e).getAnchor().map(a -> a.getValue()).orElse(null);
                    }
                    case MappingEnd, SequenceEnd -> {
                        if (openAnchor[depth] != null) {
                            anchorSizes.put(openAnchor[depth], expanded - openedAt[depth]);
                        }
                        depth--;
                    }
                    case Scalar -> {
                        org.snakeyaml.engine.v2.events.ScalarEvent se = (org.snakeyaml.engine.v2.events.ScalarEvent) e;
                        long size = se.getValue().length() + 1L;
                        expanded += size;
                        se.getAnchor().ifPresent(a -> anchorSizes.put(a.getValue(), size));
                    }
                    case Alias -> {
                        org.snakeyaml.engine.v2.events.AliasEvent ae = (org.snakeyaml.engine.v2.events.AliasEvent) e;
                        expanded += anchorSizes.getOrDefault(ae.getAlias().getValue(), 1L);
                    }
                    default -> {
                    }
                }
                if (expanded > MAX_EXPANDED_CHARS) {
                    throw new SigmaRuleException(path, line(e), MALFORMED, "YAML aliases expand the document to more than "
                            + MAX_EXPANDED_CHARS + " characters (limit: docs/LIMITS.md)");
                }
            }
            // the nodes from the events just checked: composing from the text again parsed every file twice
            List<Node> docs = new ArrayList<>();
            Composer composer = new Composer(settings, new EventReplay(events));
            while (composer.hasNext()) {
                docs.add(composer.next());
            }
            return docs;
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new SigmaRuleException(path, line, MALFORMED, "invalid YAML: " + oneLine(e.getProblem()));
        } catch (YamlEngineException e) {
            throw new SigmaRuleException(path, 0, MALFORMED, "invalid YAML: " + oneLine(e.getMessage()));
        }
    }

    /** The parser's events of one document stream, handed to a {@link Composer} a second time without parsing again. */
    private static final class EventReplay implements Parser {
        private final List<Event> events;
        private int next;

        EventReplay(List<Event> events) {
            this.events = events;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return next < events.size() && events.get(next).getEventId() == id;
        }

        @Override
        public Event peekEvent() {
            if (next >= events.size()) {
                throw new java.util.NoSuchElementException("no more YAML events");
            }
            return events.get(next);
        }

        @Override
        public boolean hasNext() {
            return next < events.size();
        }

        @Override
        public Event next() {
            Event e = peekEvent();
            next++;
            return e;
        }
    }

    private static int line(Event e) {
        return e.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    static int line(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.replace('\n', ' ').strip();
    }
}
