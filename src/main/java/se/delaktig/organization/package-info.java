/**
 * Who works where. A region (for example a municipal association with an R&D unit) supports
 * municipalities; a municipality has units (enheter); staff members hold roles per unit: process
 * lead, interviewer, unit manager or R&D analyst. Administrators manage this structure but see no
 * child data by default, and cannot give themselves a role that opens child data on their own: a
 * second person, another administrator or the unit's manager, must approve it; a role given to
 * someone else is shown to the unit's managers ({@link se.delaktig.organization.RoleGrants}). Also owns staff credentials, hashed with Argon2.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organization")
package se.delaktig.organization;
