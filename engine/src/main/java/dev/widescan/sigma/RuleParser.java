package dev.widescan.sigma;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One YAML document to one {@link SigmaRule}, working on the node tree so that values stay exactly as
 * written (numbers are their text: {@code 0x10} stays {@code 0x10}; only a decimal integer such as {@code 01}
 * is its number, {@link ModifierChain}) and every error has a line.
 */
final class RuleParser {
    static final String LOGSOURCE_CATEGORY = "logsource not windows/process_creation";

    private final Path path;
    private final Map<String, List<String>> placeholders;
    private final ValueBudget budget = new ValueBudget();

    private RuleParser(Path path, Map<String, List<String>> placeholders) {
        this.path = path;
        this.placeholders = placeholders;
    }

    static SigmaRule parse(Node document, Path path, Map<String, List<String>> placeholders) {
        return new RuleParser(path, placeholders).rule(document);
    }

    /** Best effort {id, title} of a document that may fail to load, for the skip report. */
    static String[] identity(Node doc) {
        String[] out = new String[2];
        if (doc instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
                    if (k.getValue().equals("id")) {
                        out[0] = v.getValue();
                    } else if (k.getValue().equals("title")) {
                        out[1] = v.getValue();
                    }
                }
            }
        }
        return out;
    }

    private SigmaRuleException error(Node at, String category, String message) {
        return new SigmaRuleException(path, at == null ? 0 : YamlRuleFile.line(at), category, message);
    }

    private SigmaRule rule(Node doc) {
        MappingNode top = mapping(doc, "the rule");
        Map<String, Node> fields = entries(top);
        if (fields.containsKey("correlation") || fields.containsKey("filter") && !fields.containsKey("detection")) {
            throw error(doc, "not a detection rule", "correlation and filter documents are not detection rules");
        }
        String id = optionalText(fields.get("id"), "id");
        String title = optionalText(fields.get("title"), "title");
        Node logsourceNode = fields.get("logsource");
        if (logsourceNode == null) {
            throw error(doc, "missing logsource", "the rule has no 'logsource'");
        }
        Map<String, Node> ls = entries(mapping(logsourceNode, "logsource"));
        Logsource logsource = new Logsource(optionalText(ls.get("category"), "category"),
                optionalText(ls.get("product"), "product"), optionalText(ls.get("service"), "service"));
        if (!logsource.isWindowsProcessCreation()) {
            throw error(logsourceNode, LOGSOURCE_CATEGORY,
                    "logsource (" + logsource + ") is not category process_creation, product windows");
        }
        Node detectionNode = fields.get("detection");
        if (detectionNode == null) {
            throw error(doc, "missing detection", "the rule has no 'detection'");
        }
        List<String> tags = new ArrayList<>();
        Node tagsNode = fields.get("tags");
        if (tagsNode instanceof SequenceNode seq) {
            for (Node t : seq.getValue()) {
                tags.add(scalarText(t, "tag"));
            }
        } else if (tagsNode != null) {
            throw error(tagsNode, "malformed rule", "'tags' must be a list");
        }
        return new SigmaRule(id, title, optionalText(fields.get("level"), "level"),
                optionalText(fields.get("status"), "status"), tags, logsource, path, detection(detectionNode),
                author(fields.get("author")), optionalText(fields.get("license"), "license"));
    }

    /** {@code author}: a text, or a list of texts (joined with ", "); null when absent. */
    private String author(Node node) {
        if (node instanceof SequenceNode seq) {
            List<String> names = new ArrayList<>();
            for (Node n : seq.getValue()) {
                names.add(scalarText(n, "author"));
            }
            return String.join(", ", names);
        }
        return optionalText(node, "author");
    }

    private Detection detection(Node node) {
        MappingNode map = mapping(node, "detection");
        Map<String, Selection> selections = new LinkedHashMap<>();
        Node conditionNode = null;
        for (NodeTuple t : map.getValue()) {
            String name = scalarText(t.getKeyNode(), "selection name");
            Node value = t.getValueNode();
            switch (name) {
                case "condition" -> conditionNode = value;
                case "timeframe" -> throw error(value, "timeframe in detection",
                        "'timeframe' (aggregation window) is not supported; use correlation rules");
                default -> {
                    if (selections.containsKey(name)) {
                        throw error(t.getKeyNode(), "malformed rule", "duplicate selection '" + name + "'");
                    }
                    selections.put(name, selection(name, value));
                }
            }
        }
        if (conditionNode == null) {
            throw error(node, "missing condition", "detection has no 'condition'");
        }
        if (selections.isEmpty()) {
            throw error(node, "malformed rule", "detection has no selection");
        }
        List<String> texts = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        List<Node> condNodes = conditionNode instanceof SequenceNode seq ? seq.getValue() : List.of(conditionNode);
        if (condNodes.isEmpty()) {
            throw error(conditionNode, "invalid condition", "empty condition list");
        }
        for (Node c : condNodes) {
            String text = scalarText(c, "condition");
            texts.add(text);
            conditions.add(ConditionParser.parse(path, YamlRuleFile.line(c), text, selections.keySet()));
        }
        Condition condition = conditions.size() == 1 ? conditions.get(0) : new Condition.Or(conditions);
        Detection detection = new Detection(selections, condition, texts);
        if (OutsideSchema.neverTrue(detection)) {
            FieldMatch fm = OutsideSchema.first(detection);
            String field = fm.fieldOutsideSchema();
            throw new SigmaRuleException(path, fm.line(), "field '" + field + "' not in the event schema",
                    "field '" + field + "' is not in widescan's event schema (format.Field), so no event has it, and the condition"
                            + " cannot be true without it: the rule could never match");
        }
        return detection;
    }

    private Selection selection(String name, Node value) {
        List<List<FieldMatch>> alternatives = new ArrayList<>();
        if (value instanceof MappingNode m) {
            alternatives.add(fieldMatches(name, m));
        } else if (value instanceof SequenceNode seq) {
            boolean maps = false;
            boolean scalars = false;
            for (Node item : seq.getValue()) {
                maps |= item instanceof MappingNode;
                scalars |= item instanceof ScalarNode;
                if (item instanceof SequenceNode) {
                    throw error(item, "malformed rule", "selection '" + name + "': nested lists are not Sigma");
                }
            }
            if (maps && scalars) {
                throw error(value, "malformed rule", "selection '" + name + "' mixes maps and keywords in one list");
            }
            if (seq.getValue().isEmpty()) {
                throw error(value, "malformed rule", "selection '" + name + "' is an empty list");
            }
            if (maps) {
                for (Node item : seq.getValue()) {
                    alternatives.add(fieldMatches(name, (MappingNode) item));
                }
            } else {
                alternatives.add(List.of(ModifierChain.keywords(path, name, value, placeholders, budget)));
            }
        } else {
            alternatives.add(List.of(ModifierChain.keywords(path, name, value, placeholders, budget)));
        }
        return new Selection(name, alternatives, YamlRuleFile.line(value));
    }

    private List<FieldMatch> fieldMatches(String selection, MappingNode m) {
        List<FieldMatch> out = new ArrayList<>();
        if (m.getValue().isEmpty()) {
            throw error(m, "malformed rule", "selection '" + selection + "' is an empty map");
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalarText(t.getKeyNode(), "field name");
            if (!keys.add(key)) {
                throw error(t.getKeyNode(), "malformed rule", "selection '" + selection + "': duplicate key '" + key + "'");
            }
            out.add(ModifierChain.entry(path, selection, key, t.getValueNode(), placeholders, budget));
        }
        return out;
    }

    private MappingNode mapping(Node n, String what) {
        if (n instanceof MappingNode m) {
            return m;
        }
        throw error(n, "malformed rule", what + " must be a map");
    }

    private Map<String, Node> entries(MappingNode m) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = scalarText(t.getKeyNode(), "key");
            if (out.put(k, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), "malformed rule", "duplicate key '" + k + "'");
            }
        }
        return out;
    }

    private String scalarText(Node n, String what) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(n, "malformed rule", what + " must be a scalar");
    }

    private String optionalText(Node n, String what) {
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s && org.snakeyaml.engine.v2.nodes.Tag.NULL.equals(s.getTag())) {
            return null;
        }
        return scalarText(n, what);
    }
}
