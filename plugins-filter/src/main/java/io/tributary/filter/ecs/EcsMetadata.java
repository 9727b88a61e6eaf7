package io.tributary.filter.ecs;

/**
 * What the ecs filter's templates can name, for one task and container. Any field may be null when the source
 * does not provide it (the task metadata endpoint has no container instance; cluster-only lookups have no task).
 */
record EcsMetadata(String clusterName, String containerInstanceArn, String containerInstanceId, String agentVersion,
                   String taskArn, String taskId, String family, String revision, String containerName,
                   String dockerName, String containerId) {

    /** The value of a template variable such as {@code TaskID}, or null when unknown or not a variable. */
    String variable(String name) {
        return switch (name) {
            case "ClusterName" -> clusterName;
            case "ContainerInstanceArn" -> containerInstanceArn;
            case "ContainerInstanceID" -> containerInstanceId;
            case "ECSAgentVersion" -> agentVersion;
            case "TaskARN" -> taskArn;
            case "TaskID" -> taskId;
            case "TaskDefinitionFamily" -> family;
            case "TaskDefinitionVersion" -> revision;
            case "ECSContainerName" -> containerName;
            case "DockerContainerName" -> dockerName;
            case "ContainerID" -> containerId;
            default -> null;
        };
    }

    static boolean isVariable(String name) {
        return switch (name) {
            case "ClusterName", "ContainerInstanceArn", "ContainerInstanceID", "ECSAgentVersion", "TaskARN", "TaskID",
                 "TaskDefinitionFamily", "TaskDefinitionVersion", "ECSContainerName", "DockerContainerName", "ContainerID" -> true;
            default -> false;
        };
    }

    /** The last part of an ARN ({@code arn:aws:ecs:region:acct:task/cluster/ID} → {@code ID}). */
    static String lastArnPart(String arn) {
        if (arn == null) return null;
        int slash = arn.lastIndexOf('/');
        return slash >= 0 ? arn.substring(slash + 1) : arn;
    }

    /** Cluster names come as a name or as an ARN; templates want the name. */
    static String clusterNameOf(String cluster) {
        if (cluster == null) return null;
        return cluster.startsWith("arn:") ? lastArnPart(cluster) : cluster;
    }
}
