package io.tributary.config;

import io.tributary.spi.Location;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fluent Bit's YAML format, read through SnakeYAML's node tree so every value keeps its line:
 * <pre>
 * env:        { NAME: value }                     variables for ${NAME}
 * includes:   [ file.yaml, conf.d/*.yaml ]        relative to this file
 * service:    { flush: 1 }                        one per config
 * pipeline:   { inputs: [..], filters: [..], outputs: [..], customs: [..] }
 * parsers:    [ { name: .., format: .. } ]
 * multiline_parsers: [ { name: .., rules: [ { state: .., regex: .., next_state: .. } ] } ]
 * customs:    [ .. ]     plugins: [ /path/x.so ]     upstream_servers: [ { name: .., nodes: [..] } ]
 * </pre>
 * Each plugin entry becomes a section like its classic counterpart: {@code pipeline.inputs} items are
 * {@code INPUT} sections, {@code parsers} items {@code PARSER}, and so on. Scalars are taken as written
 * ({@code on} stays {@code on}); a list value becomes the key repeated (modify's {@code set}); a multiline
 * parser's rules become {@code rule} entries with the text a classic file would have:
 * {@code "start_state" "/regex/" "cont"}. Merge keys ({@code <<: *defaults}) work, the map's own keys winning.
 *
 * <p>What Fluent Bit accepts and Tributary cannot honour is an error rather than silently ignored: a
 * {@code processors} block (Tributary has filters, not processors) and any other nested map as a value.
 * Unknown top-level keys are kept as sections named after them, as the classic reader keeps unknown
 * {@code [SECTIONS]}; the engine decides what they mean.
 */
final class YamlConfigParser {
    private static final int MAX_MERGE_DEPTH = 8;

    private final LoadSession session;
    private SourceFile src;

    YamlConfigParser(LoadSession session) { this.session = session; }

    void parse(SourceFile file) {
        this.src = file;
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowRecursiveKeys(false);
            options.setMaxAliasesForCollections(64);
            options.setCodePointLimit((int) SourceFile.MAX_BYTES);
            root = new Yaml(options).compose(new StringReader(file.text()));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            session.problem(at(mark), "YAML syntax error: " + e.getProblem());
            return;
        } catch (YAMLException e) {
            session.problem(new Location(file.display(), 0), "YAML error: " + e.getMessage());
            return;
        }
        if (root == null) return;   // an empty file configures nothing, as an empty classic file
        if (!(root instanceof MappingNode top)) {
            session.problem(at(root), "the top level of a YAML config must be a map (env, service, pipeline, ...)");
            return;
        }
        for (NodeTuple t : entries(top, 0)) {
            String key = keyOf(t);
            if (key == null) continue;
            Node value = t.getValueNode();
            switch (key.toLowerCase(Locale.ROOT)) {
                case "env" -> env(value);
                case "includes" -> includes(value);
                case "service" -> {
                    if (session.claimYamlService(at(t.getKeyNode()))) plainSection("SERVICE", "service", value);
                }
                case "pipeline" -> pipeline(value);
                case "parsers" -> pluginList("PARSER", "parsers", value);
                case "multiline_parsers" -> pluginList("MULTILINE_PARSER", "multiline_parsers", value);
                case "customs" -> pluginList("CUSTOM", "customs", value);
                case "plugins" -> plugins(value);
                case "upstream_servers" -> upstreams(value);
                default -> unknownTopLevel(key, value);
            }
        }
    }

    private void env(Node value) {
        if (!(value instanceof MappingNode map)) {
            session.problem(at(value), "'env' must be a map of NAME: value");
            return;
        }
        for (NodeTuple t : entries(map, 0)) {
            String name = keyOf(t);
            if (name == null) continue;
            String v = scalarValue(name, t.getValueNode(), at(t.getKeyNode()));
            if (v != null) session.define(name, v, at(t.getKeyNode()));
        }
    }

    private void includes(Node value) {
        List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        for (Node item : items) {
            if (item instanceof ScalarNode s && !isNull(s)) session.include(s.getValue(), src, at(item));
            else session.problem(at(item), "'includes' must list file names");
        }
    }

    private void pipeline(Node value) {
        if (!(value instanceof MappingNode map)) {
            session.problem(at(value), "'pipeline' must be a map with inputs, filters and outputs");
            return;
        }
        for (NodeTuple t : entries(map, 0)) {
            String key = keyOf(t);
            if (key == null) continue;
            switch (key.toLowerCase(Locale.ROOT)) {
                case "inputs" -> pluginList("INPUT", "inputs", t.getValueNode());
                case "filters" -> pluginList("FILTER", "filters", t.getValueNode());
                case "outputs" -> pluginList("OUTPUT", "outputs", t.getValueNode());
                case "customs" -> pluginList("CUSTOM", "customs", t.getValueNode());
                default -> session.problem(at(t.getKeyNode()), "unknown pipeline component '" + key
                        + "' (expected inputs, filters, outputs or customs)");
            }
        }
    }

    /** A list of maps, each becoming one section. */
    private void pluginList(String section, String what, Node value) {
        if (!(value instanceof SequenceNode seq)) {
            session.problem(at(value), "'" + what + "' must be a list of maps (each item starting with '- name:')");
            return;
        }
        for (Node item : seq.getValue()) plainSection(section, what, item);
    }

    /** One map as one section; a multiline parser's {@code rules} list becomes {@code rule} entries. */
    private RawSection plainSection(String section, String what, Node value) {
        if (!(value instanceof MappingNode map)) {
            session.problem(at(value), "each item of '" + what + "' must be a map of options");
            return null;
        }
        RawSection s = session.openSection(section, at(map));
        for (NodeTuple t : entries(map, 0)) {
            String key = keyOf(t);
            if (key == null) continue;
            if (section.equals("MULTILINE_PARSER") && key.equalsIgnoreCase("rules")) {
                rules(s, t.getValueNode());
            } else if (section.equals("UPSTREAM") && key.equalsIgnoreCase("nodes")) {
                continue;   // upstreams() turns them into NODE sections after this one
            } else {
                option(s, key, t);
            }
        }
        return s;
    }

    private void option(RawSection s, String key, NodeTuple t) {
        Node v = t.getValueNode();
        Location where = at(t.getKeyNode());
        if (v instanceof ScalarNode) {
            String text = scalarValue(key, v, where);
            if (text != null) s.add(key, text, where);
        } else if (v instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode sc && !isNull(sc)) s.add(key, sc.getValue(), at(item));
                else session.problem(at(item), "'" + key + "' lists must hold plain values");
            }
        } else if (key.equalsIgnoreCase("processors")) {
            session.problem(where, "'processors' are not supported: Tributary has no processors; move them to"
                    + " pipeline.filters (for example content_modifier -> modify)");
        } else {
            session.problem(where, "'" + key + "' is a nested map; option values must be plain values or lists");
        }
    }

    private void rules(RawSection s, Node value) {
        if (!(value instanceof SequenceNode seq)) {
            session.problem(at(value), "'rules' must be a list of {state, regex, next_state} maps");
            return;
        }
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode rule)) {
                session.problem(at(item), "each rule must be a map with state, regex and next_state");
                continue;
            }
            String state = null, regex = null, next = null;
            for (NodeTuple t : entries(rule, 0)) {
                String key = keyOf(t);
                if (key == null) continue;
                String v = scalarValue(key, t.getValueNode(), at(t.getKeyNode()));
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "state" -> state = v;
                    case "regex" -> regex = v;
                    case "next_state" -> next = v;
                    default -> session.problem(at(t.getKeyNode()), "unknown rule key '" + key
                            + "' (expected state, regex, next_state)");
                }
            }
            if (state == null || regex == null || next == null) {
                session.problem(at(rule), "a rule needs state, regex and next_state");
                continue;
            }
            s.add("rule", quoted(state) + " " + quoted(regex) + " " + quoted(next), at(rule));
        }
    }

    /** Classic rule lines quote each part; Fluent Bit's tokenizer reads {@code \"} as a quote inside one. */
    private static String quoted(String part) { return '"' + part.replace("\"", "\\\"") + '"'; }

    private void plugins(Node value) {
        List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        RawSection s = session.openSection("PLUGINS", at(value));
        for (Node item : items) {
            if (item instanceof ScalarNode sc && !isNull(sc)) s.add("path", sc.getValue(), at(item));
            else session.problem(at(item), "'plugins' must list shared library paths");
        }
    }

    private void upstreams(Node value) {
        if (!(value instanceof SequenceNode seq)) {
            session.problem(at(value), "'upstream_servers' must be a list of maps with name and nodes");
            return;
        }
        for (Node item : seq.getValue()) {
            if (plainSection("UPSTREAM", "upstream_servers", item) == null) continue;
            for (NodeTuple t : entries((MappingNode) item, 0)) {
                String key = keyOf(t);
                if (key != null && key.equalsIgnoreCase("nodes")) pluginList("NODE", "nodes", t.getValueNode());
            }
        }
    }

    private void unknownTopLevel(String key, Node value) {
        String section = key.toUpperCase(Locale.ROOT);
        if (value instanceof MappingNode) plainSection(section, key, value);
        else if (value instanceof SequenceNode) pluginList(section, key, value);
        else session.problem(at(value), "unknown top-level key '" + key + "' (expected env, includes, service,"
                + " pipeline, parsers, multiline_parsers, customs, plugins or upstream_servers)");
    }

    /** A map's entries with merge keys ({@code <<}) flattened; explicit keys win over merged ones. */
    private List<NodeTuple> entries(MappingNode map, int depth) {
        List<NodeTuple> own = new ArrayList<>();
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode().getTag().equals(Tag.MERGE)) {
                if (depth >= MAX_MERGE_DEPTH) {
                    session.problem(at(t.getKeyNode()), "merge keys nested too deeply");
                    continue;
                }
                Node v = t.getValueNode();
                List<Node> sources = v instanceof SequenceNode seq ? seq.getValue() : List.of(v);
                for (Node source : sources) {
                    if (source instanceof MappingNode m) merged.addAll(entries(m, depth + 1));
                    else session.problem(at(source), "'<<' must merge a map");
                }
            } else {
                own.add(t);
            }
        }
        if (merged.isEmpty()) return own;
        Set<String> explicit = new HashSet<>();
        for (NodeTuple t : own) {
            if (t.getKeyNode() instanceof ScalarNode k) explicit.add(k.getValue().toLowerCase(Locale.ROOT));
        }
        List<NodeTuple> out = new ArrayList<>();
        for (NodeTuple t : merged) {
            if (!(t.getKeyNode() instanceof ScalarNode k) || !explicit.contains(k.getValue().toLowerCase(Locale.ROOT))) {
                out.add(t);
            }
        }
        out.addAll(own);
        return out;
    }

    private String keyOf(NodeTuple t) {
        if (t.getKeyNode() instanceof ScalarNode k && !isNull(k) && !k.getValue().isEmpty()) return k.getValue();
        session.problem(at(t.getKeyNode()), "keys must be plain names");
        return null;
    }

    /** A scalar's text as written, or null after a problem ({@code key:} with nothing after it). */
    private String scalarValue(String key, Node v, Location where) {
        if (!(v instanceof ScalarNode s)) {
            session.problem(where, "'" + key + "' must be a plain value");
            return null;
        }
        if (isNull(s)) {
            session.problem(where, "'" + key + "' has no value");
            return null;
        }
        return s.getValue();
    }

    /**
     * {@code key:} with nothing after it. A written {@code null} or {@code ~} is text, as Fluent Bit's libyaml
     * reader takes every scalar as written: {@code name: null} is the null output plugin.
     */
    private static boolean isNull(ScalarNode s) {
        return s.getValue().isEmpty() && s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
    }

    private Location at(Node node) { return at(node.getStartMark()); }

    private Location at(Mark mark) { return new Location(src.display(), mark == null ? 0 : mark.getLine() + 1); }
}
