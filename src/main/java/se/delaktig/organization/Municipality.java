package se.delaktig.organization;

public record Municipality(long id, String name, Long regionId, int suppressionThreshold) {
}
