package se.delaktig.access;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import se.delaktig.organization.Role;

/** The signed-in staff member with their roles per unit, as they are right now in the database. */
public record Actor(long staffId, String username, String displayName, boolean administrator,
                    Map<Long, Set<Role>> rolesByUnit) {

    public boolean has(long unitId, Role role) {
        return rolesByUnit.getOrDefault(unitId, Set.of()).contains(role);
    }

    public boolean hasAny(long unitId, Role... roles) {
        var held = rolesByUnit.getOrDefault(unitId, Set.of());
        return Arrays.stream(roles).anyMatch(held::contains);
    }

    public boolean memberOf(long unitId) {
        return !rolesByUnit.getOrDefault(unitId, Set.of()).isEmpty();
    }

    /** Units in which the actor holds at least one of the roles. */
    public Set<Long> unitsWith(Role... roles) {
        return rolesByUnit.entrySet().stream()
                .filter(e -> Arrays.stream(roles).anyMatch(e.getValue()::contains))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean isProcessLeadAnywhere() {
        return !unitsWith(Role.PROCESS_LEAD).isEmpty();
    }
}
