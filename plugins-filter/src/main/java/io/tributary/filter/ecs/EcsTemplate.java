package io.tributary.filter.ecs;

import java.util.ArrayList;
import java.util.List;

/** An {@code Add KEY TEMPLATE} value: text with {@code $Variable}s such as {@code $TaskID}. Parsed once. */
final class EcsTemplate {
    private final String source;
    private final List<String> parts;      // literal text, or "$Name" for a variable
    private final boolean needsTask;

    private EcsTemplate(String source, List<String> parts, boolean needsTask) {
        this.source = source;
        this.parts = parts;
        this.needsTask = needsTask;
    }

    static EcsTemplate parse(String text) {
        List<String> parts = new ArrayList<>();
        boolean task = false;
        int i = 0;
        StringBuilder lit = new StringBuilder();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$') {
                int j = i + 1;
                while (j < text.length() && Character.isLetterOrDigit(text.charAt(j))) j++;
                String name = text.substring(i + 1, j);
                if (EcsMetadata.isVariable(name)) {
                    if (!lit.isEmpty()) { parts.add(lit.toString()); lit.setLength(0); }
                    parts.add("$" + name);
                    task |= !(name.equals("ClusterName") || name.startsWith("ContainerInstance") || name.equals("ECSAgentVersion"));
                    i = j;
                    continue;
                }
                if (j > i + 1) throw new IllegalArgumentException("unknown variable $" + name + " (ClusterName, ContainerInstanceArn,"
                        + " ContainerInstanceID, ECSAgentVersion, TaskARN, TaskID, TaskDefinitionFamily, TaskDefinitionVersion,"
                        + " ECSContainerName, DockerContainerName, ContainerID)");
            }
            lit.append(c);
            i++;
        }
        if (!lit.isEmpty()) parts.add(lit.toString());
        return new EcsTemplate(text, List.copyOf(parts), task);
    }

    /** Whether the template names task or container fields (cluster_metadata_only skips it). */
    boolean needsTask() { return needsTask; }

    /** The rendered text, or null when a variable it names is unknown for this record. */
    String render(EcsMetadata m) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p.startsWith("$") && p.length() > 1 && EcsMetadata.isVariable(p.substring(1))) {
                String v = m.variable(p.substring(1));
                if (v == null) return null;
                sb.append(v);
            } else {
                sb.append(p);
            }
        }
        return sb.toString();
    }

    @Override public String toString() { return source; }
}
