package se.delaktig.organization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.audit.AuditLog;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Each municipality's list of places that could point to a child: schools, areas, clubs, youth
 * centres. The de-identification check of quotes flags them. Administrators and the process lead of
 * any unit in the municipality keep the list; for everyone else the list is a 404.
 */
@Service
@Transactional
public class Places {

    /** Shortest and longest place name. */
    public static final int MIN_NAME = 2;
    public static final int MAX_NAME = 120;
    /** At most this many names in one go. */
    public static final int MAX_BATCH = 500;

    private static final String RECORD = "municipality_place";

    private final JdbcClient jdbc;
    private final Organization organization;
    private final AuditLog audit;

    Places(JdbcClient jdbc, Organization organization, AuditLog audit) {
        this.jdbc = jdbc;
        this.organization = organization;
        this.audit = audit;
    }

    /** The municipality's places in alphabetical order, for someone who may keep the list. */
    @Transactional(readOnly = true)
    public List<Place> list(long municipalityId) {
        editable(municipalityId, "READ");
        return load(municipalityId);
    }

    /**
     * The names only, for the de-identification check. Anyone the calling module has let read the
     * round may use them: the names are staff vocabulary, not child data.
     */
    @Transactional(readOnly = true)
    public List<String> names(long municipalityId) {
        return jdbc.sql("select name from municipality_place where municipality_id = ? order by lower(name)")
                .param(municipalityId).query(String.class).list();
    }

    /** Whether the signed-in person may keep the municipality's list. */
    @Transactional(readOnly = true)
    public boolean mayEdit(long municipalityId) {
        var username = username();
        if (username == null) {
            return false;
        }
        var staff = organization.staffByUsername(username).orElse(null);
        if (staff == null || !staff.enabled()) {
            return false;
        }
        if (staff.administrator()) {
            return true;
        }
        var units = organization.rolesByUnit(staff.id()).entrySet().stream()
                .filter(e -> e.getValue().contains(Role.PROCESS_LEAD)).map(java.util.Map.Entry::getKey).toList();
        return organization.units(java.util.Set.copyOf(units)).stream().anyMatch(u -> u.municipalityId() == municipalityId);
    }

    /**
     * Adds places, one per line. Every line is checked before anything is saved: a line that is too
     * short or too long, a duplicate (in the list or among the lines) or an identity number refuses
     * the whole lot, naming the line.
     *
     * @return the places added
     * @throws InvalidInputException {@code names}
     */
    public List<Place> add(long municipalityId, String lines) {
        editable(municipalityId, "PLACE_ADD");
        var existing = new java.util.HashSet<String>();
        load(municipalityId).forEach(p -> existing.add(key(p.name())));
        var wanted = new LinkedHashMap<String, String>();
        var raw = lines == null ? List.<String>of() : lines.lines().toList();
        if (raw.size() > MAX_BATCH) {
            throw new InvalidInputException("names", "organization.place.tooMany", MAX_BATCH);
        }
        for (var line : raw) {
            var name = line.strip().replaceAll("\\s+", " ");
            if (name.isEmpty()) {
                continue;
            }
            if (IdentityNumbers.containsIdentityNumber(name)) {
                throw new InvalidInputException("names", "organization.place.identityNumber");
            }
            if (name.length() < MIN_NAME || name.length() > MAX_NAME) {
                throw new InvalidInputException("names", "organization.place.length", name, MIN_NAME, MAX_NAME);
            }
            if (existing.contains(key(name)) || wanted.containsKey(key(name))) {
                throw new InvalidInputException("names", "organization.place.duplicate", name);
            }
            wanted.put(key(name), name);
        }
        if (wanted.isEmpty()) {
            throw new InvalidInputException("names", "organization.place.required");
        }
        var added = new ArrayList<Place>();
        for (var name : wanted.values()) {
            var id = jdbc.sql("""
                    insert into municipality_place (municipality_id, name, created_by) values (?, ?, ?)
                    on conflict do nothing returning id""")
                    .params(municipalityId, name, username()).query(Long.class).optional();
            if (id.isEmpty()) {
                // Someone added the same name a moment ago.
                throw new InvalidInputException("names", "organization.place.duplicate", name);
            }
            audit.success("PLACE_ADD", RECORD, id.get(), null);
            added.add(new Place(id.get(), municipalityId, name));
        }
        return added;
    }

    /** Removes one place from the list. */
    public void remove(long municipalityId, long placeId) {
        editable(municipalityId, "PLACE_REMOVE");
        var removed = jdbc.sql("delete from municipality_place where id = ? and municipality_id = ?")
                .params(placeId, municipalityId).update();
        if (removed == 0) {
            throw new NotFoundException();
        }
        audit.success("PLACE_REMOVE", RECORD, placeId, null);
    }

    // -------------------------------------------------------------------------------------------

    private void editable(long municipalityId, String action) {
        if (organization.municipality(municipalityId).isEmpty()) {
            throw new NotFoundException();
        }
        if (!mayEdit(municipalityId)) {
            audit.record(action, RECORD, "municipality:" + municipalityId, null, AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
    }

    private List<Place> load(long municipalityId) {
        return jdbc.sql("select id, municipality_id, name from municipality_place where municipality_id = ? order by lower(name), id")
                .param(municipalityId)
                .query((rs, n) -> new Place(rs.getLong("id"), rs.getLong("municipality_id"), rs.getString("name")))
                .list();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String username() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }

    /** One place of a municipality's list. */
    public record Place(long id, long municipalityId, String name) {
    }
}
