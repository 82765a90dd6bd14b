package se.delaktig.organization;

public record Unit(long id, String name, long municipalityId, String municipalityName) {

    /** "Barn- och familjeenheten, Exempelkommun". */
    public String fullName() {
        return name + ", " + municipalityName;
    }
}
