/**
 * Notices: things a person has to act on, shown in a list in the application and, when SMTP is
 * configured with the standard {@code spring.mail.*} settings, announced by e-mail. Today these are
 * safeguarding notices: an interviewer has flagged that a child may need a report of concern, and
 * the unit's process leads and unit managers are told to act in the case system. Administrators and
 * unit managers also see roles that wait for their approval as a second person, and roles that
 * others gave in their units (the organization module's rule against self-granted access).
 *
 * <p>An e-mail never carries what the notice is about – no note, no child, no pseudonym – only that
 * there is something to look at in Delaktig and a link to it, because mail leaves the municipality's
 * control. The note itself stays in the interview module, encrypted, and is read through it.
 *
 * <p>Booking reminders: a scheduled job mails the assigned interviewer once, a day before the
 * interview ({@code delaktig.reminders.lead-time}), naming only the time and the child's pseudonym –
 * never the child's name or the place, which may be the child's home. The bookings themselves and
 * the exactly-once claim belong to the round module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notice")
package se.delaktig.notice;
