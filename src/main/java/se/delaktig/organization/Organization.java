package se.delaktig.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Regions, municipalities, units, staff and their roles. */
@Service
@Transactional
public class Organization {

    /** A name or username that is already taken; carries the field so the form can say which. */
    public static class AlreadyExistsException extends RuntimeException {
        private final String field;

        public AlreadyExistsException(String field) {
            super(field + " already exists");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The change would leave the installation without an enabled administrator. */
    public static class LastAdministratorException extends RuntimeException {
        public LastAdministratorException() {
            super("the last enabled administrator");
        }
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;

    Organization(JdbcClient jdbc, PasswordEncoder passwordEncoder, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
    }

    // regions and municipalities ----------------------------------------------------------------

    public long createRegion(String name) {
        return insert("insert into region (name) values (?) returning id", "name", name.trim());
    }

    public long createMunicipality(String name, Long regionId) {
        return insert("insert into municipality (name, region_id) values (?, ?) returning id", "name", name.trim(), regionId);
    }

    /** Creates a municipality with its own suppression threshold in one step. */
    public long createMunicipality(String name, Long regionId, int suppressionThreshold) {
        return insert("insert into municipality (name, region_id, suppression_threshold) values (?, ?, ?) returning id",
                "name", name.trim(), regionId, suppressionThreshold);
    }

    public void setSuppressionThreshold(long municipalityId, int threshold) {
        jdbc.sql("update municipality set suppression_threshold = ? where id = ?").params(threshold, municipalityId).update();
    }

    /** From this age a young person's own consent is enough (see {@link Municipality#ownConsentAge()}). */
    public void setOwnConsentAge(long municipalityId, int age) {
        if (age < Municipality.MIN_OWN_CONSENT_AGE || age > Municipality.MAX_OWN_CONSENT_AGE) {
            throw new IllegalArgumentException("own consent age out of range: " + age);
        }
        jdbc.sql("update municipality set own_consent_age = ? where id = ?").params(age, municipalityId).update();
    }

    /**
     * How many months after closing a round's raw free text is kept (see
     * {@link Municipality#textRetentionMonths()}).
     */
    public void setTextRetentionMonths(long municipalityId, int months) {
        if (months < Municipality.MIN_TEXT_RETENTION_MONTHS || months > Municipality.MAX_TEXT_RETENTION_MONTHS) {
            throw new IllegalArgumentException("text retention out of range: " + months);
        }
        jdbc.sql("update municipality set text_retention_months = ? where id = ?").params(months, municipalityId).update();
    }

    @Transactional(readOnly = true)
    public List<Municipality> municipalities() {
        return jdbc.sql("select * from municipality order by name").query(Organization::municipality).list();
    }

    @Transactional(readOnly = true)
    public Optional<Municipality> municipality(long id) {
        return jdbc.sql("select * from municipality where id = ?").param(id).query(Organization::municipality).optional();
    }

    // units -------------------------------------------------------------------------------------

    public long createUnit(long municipalityId, String name) {
        return insert("insert into unit (municipality_id, name) values (?, ?) returning id", "name", municipalityId, name.trim());
    }

    /** A new name for a unit; the name must stay unique within its municipality. */
    public void renameUnit(long unitId, String name) {
        try {
            jdbc.sql("update unit set name = ? where id = ?").params(name.trim(), unitId).update();
        } catch (DuplicateKeyException e) {
            throw new AlreadyExistsException("name");
        }
    }

    @Transactional(readOnly = true)
    public List<Unit> units() {
        return jdbc.sql(UNIT_SELECT + " order by m.name, u.name").query(Organization::unit).list();
    }

    @Transactional(readOnly = true)
    public List<Unit> unitsOf(long municipalityId) {
        return jdbc.sql(UNIT_SELECT + " where u.municipality_id = ? order by u.name").param(municipalityId)
                .query(Organization::unit).list();
    }

    @Transactional(readOnly = true)
    public Optional<Unit> unit(long id) {
        return jdbc.sql(UNIT_SELECT + " where u.id = ?").param(id).query(Organization::unit).optional();
    }

    @Transactional(readOnly = true)
    public List<Unit> units(Set<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(UNIT_SELECT + " where u.id in (:ids) order by m.name, u.name").param("ids", ids)
                .query(Organization::unit).list();
    }

    // staff -------------------------------------------------------------------------------------

    public long createStaff(String username, String displayName, String title, String email, String rawPassword,
                            boolean administrator) {
        if (!PasswordRule.accepts(rawPassword)) {
            throw new IllegalArgumentException("the password does not meet the password rule");
        }
        return insert("""
                insert into staff (username, display_name, title, email, password_hash, administrator)
                values (?, ?, ?, ?, ?, ?) returning id""", "username",
                username.trim().toLowerCase(), displayName.trim(), blankToNull(title), blankToNull(email),
                passwordEncoder.encode(rawPassword), administrator);
    }

    /**
     * The administrator corrects who a person is: name, title, e-mail and whether they administer.
     * Taking the administrator right from the last enabled administrator is refused.
     */
    public void updateStaff(long staffId, String displayName, String title, String email, boolean administrator) {
        var before = staffMember(staffId).orElseThrow();
        if (!administrator) {
            requireAnotherAdministrator(staffId);
        }
        jdbc.sql("update staff set display_name = ?, title = ?, email = ?, administrator = ? where id = ?")
                .params(displayName.trim(), blankToNull(title), blankToNull(email), administrator, staffId).update();
        if (before.administrator() && !administrator) {
            events.publishEvent(new StaffCredentialsChanged(staffId, before.username(),
                    StaffCredentialsChanged.ADMINISTRATOR_REMOVED));
        }
    }

    /**
     * The person's own new password (see {@link PasswordRule}); the person's other sessions and their
     * API tokens stop working, and a temporary password no longer has to be changed.
     */
    public void changePassword(long staffId, String rawPassword) {
        setPassword(staffId, rawPassword, false);
    }

    /**
     * A temporary password from an administrator: the person's sessions and API tokens stop working,
     * and after their next login they must choose their own password before anything else.
     */
    public void resetPassword(long staffId, String temporaryPassword) {
        setPassword(staffId, temporaryPassword, true);
    }

    /** Whether the person still signs in with a temporary password that they must change. */
    @Transactional(readOnly = true)
    public boolean mustChangePassword(String username) {
        return jdbc.sql("select must_change_password from staff where username = ?")
                .param(username == null ? "" : username.trim().toLowerCase()).query(Boolean.class).optional().orElse(false);
    }

    private void setPassword(long staffId, String rawPassword, boolean temporary) {
        if (!PasswordRule.accepts(rawPassword)) {
            throw new IllegalArgumentException("the password does not meet the password rule");
        }
        jdbc.sql("""
                update staff set password_hash = ?, must_change_password = ?, failed_logins = 0, locked_until = null
                where id = ?""").params(passwordEncoder.encode(rawPassword), temporary, staffId).update();
        staffMember(staffId).ifPresent(s -> events.publishEvent(
                new StaffCredentialsChanged(staffId, s.username(), StaffCredentialsChanged.PASSWORD_CHANGED)));
    }

    /**
     * Disabling ends the person's sessions and revokes their API tokens. Disabling the last enabled
     * administrator is refused.
     */
    public void setEnabled(long staffId, boolean enabled) {
        if (!enabled) {
            requireAnotherAdministrator(staffId);
        }
        jdbc.sql("update staff set enabled = ? where id = ?").params(enabled, staffId).update();
        if (!enabled) {
            staffMember(staffId).ifPresent(s -> events.publishEvent(
                    new StaffCredentialsChanged(staffId, s.username(), StaffCredentialsChanged.DISABLED)));
        }
    }

    /**
     * Refuses a change that would leave no enabled administrator but this person. The enabled
     * administrators are locked until the transaction ends, so two administrators who disable each
     * other at the same moment cannot both succeed.
     */
    private void requireAnotherAdministrator(long staffId) {
        var administrators = jdbc.sql("select id from staff where administrator and enabled order by id for update")
                .query(Long.class).list();
        if (administrators.contains(staffId) && administrators.size() == 1) {
            throw new LastAdministratorException();
        }
    }

    @Transactional(readOnly = true)
    public boolean passwordMatches(long staffId, String rawPassword) {
        var hash = jdbc.sql("select password_hash from staff where id = ?").param(staffId).query(String.class).single();
        return passwordEncoder.matches(rawPassword, hash);
    }

    @Transactional(readOnly = true)
    public List<StaffMember> staff() {
        return jdbc.sql("select * from staff order by display_name").query(Organization::staffMember).list();
    }

    @Transactional(readOnly = true)
    public Optional<StaffMember> staffMember(long id) {
        return jdbc.sql("select * from staff where id = ?").param(id).query(Organization::staffMember).optional();
    }

    @Transactional(readOnly = true)
    public Optional<StaffMember> staffByUsername(String username) {
        return jdbc.sql("select * from staff where username = ?").param(username == null ? "" : username.trim().toLowerCase())
                .query(Organization::staffMember).optional();
    }

    @Transactional(readOnly = true)
    public Optional<String> passwordHash(String username) {
        return jdbc.sql("select password_hash from staff where username = ?").param(username.trim().toLowerCase())
                .query(String.class).optional();
    }

    /** Staff with the given role in the unit, by name. */
    @Transactional(readOnly = true)
    public List<StaffMember> staffOfUnit(long unitId, Role role) {
        return jdbc.sql("""
                select s.* from staff s join staff_role r on r.staff_id = s.id
                where r.unit_id = ? and r.role = ? and s.enabled order by s.display_name""")
                .params(unitId, role.name()).query(Organization::staffMember).list();
    }

    /** Everyone who holds any role in the unit. */
    @Transactional(readOnly = true)
    public List<StaffMember> staffOfUnit(long unitId) {
        return jdbc.sql("""
                select distinct s.* from staff s join staff_role r on r.staff_id = s.id
                where r.unit_id = ? order by s.display_name""")
                .param(unitId).query(Organization::staffMember).list();
    }

    /** Everyone who holds a role in any unit of the municipality (for the de-identification check of quotes). */
    @Transactional(readOnly = true)
    public List<StaffMember> staffOfMunicipality(long municipalityId) {
        return jdbc.sql("""
                select distinct s.* from staff s join staff_role r on r.staff_id = s.id join unit u on u.id = r.unit_id
                where u.municipality_id = ? order by s.display_name""")
                .param(municipalityId).query(Organization::staffMember).list();
    }

    // roles -------------------------------------------------------------------------------------

    public void grant(long staffId, long unitId, Role role) {
        jdbc.sql("insert into staff_role (staff_id, unit_id, role) values (?, ?, ?) on conflict do nothing")
                .params(staffId, unitId, role.name()).update();
    }

    public void revoke(long staffId, long unitId, Role role) {
        jdbc.sql("delete from staff_role where staff_id = ? and unit_id = ? and role = ?")
                .params(staffId, unitId, role.name()).update();
    }

    @Transactional(readOnly = true)
    public Map<Long, Set<Role>> rolesByUnit(long staffId) {
        var result = new LinkedHashMap<Long, Set<Role>>();
        jdbc.sql("select unit_id, role from staff_role where staff_id = ? order by unit_id").param(staffId)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("unit_id"), k -> EnumSet.noneOf(Role.class))
                            .add(Role.valueOf(rs.getString("role")));
                });
        return result;
    }

    @Transactional(readOnly = true)
    public List<Membership> memberships() {
        return jdbc.sql("select * from staff_role order by unit_id, staff_id")
                .query((rs, n) -> new Membership(rs.getLong("staff_id"), rs.getLong("unit_id"), Role.valueOf(rs.getString("role"))))
                .list();
    }

    // helpers -------------------------------------------------------------------------------------

    private long insert(String sql, String uniqueField, Object... params) {
        try {
            return jdbc.sql(sql).params(params).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new AlreadyExistsException(uniqueField);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static final String UNIT_SELECT = """
            select u.id, u.name, u.municipality_id, m.name as municipality_name
            from unit u join municipality m on m.id = u.municipality_id""";

    private static Unit unit(ResultSet rs, int n) throws SQLException {
        return new Unit(rs.getLong("id"), rs.getString("name"), rs.getLong("municipality_id"), rs.getString("municipality_name"));
    }

    private static Municipality municipality(ResultSet rs, int n) throws SQLException {
        return new Municipality(rs.getLong("id"), rs.getString("name"), (Long) rs.getObject("region_id"),
                rs.getInt("suppression_threshold"), rs.getInt("own_consent_age"), rs.getInt("text_retention_months"));
    }

    private static StaffMember staffMember(ResultSet rs, int n) throws SQLException {
        var locked = rs.getTimestamp("locked_until");
        return new StaffMember(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("title"), rs.getString("email"), rs.getBoolean("administrator"), rs.getBoolean("enabled"),
                rs.getInt("failed_logins"), locked == null ? null : locked.toInstant());
    }
}
