package se.delaktig.round;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Role;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Bookings of interviews: the date, time and place the child chose. The process lead records them;
 * the lead and the child's assigned interviewer may read them (the place can be the child's home,
 * so it is encrypted with the round's key and shown to nobody else). Everyone else is told the
 * booking does not exist.
 */
@Service
@Transactional
public class Bookings {

    /** Bookings are made and shown in Swedish local time. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    /**
     * The school day, Monday to Friday. The method asks that the child is not taken out of school
     * for the interview, so a booking that overlaps these hours gets a warning. It is only a warning:
     * the child may have chosen a free afternoon or a study day, and the lead knows that. (Holidays
     * and school breaks are not known to Delaktig and are not exempted.)
     */
    public static final LocalTime SCHOOL_DAY_STARTS = LocalTime.of(8, 0);
    public static final LocalTime SCHOOL_DAY_ENDS = LocalTime.of(15, 0);

    /** An interview takes about an hour (the method's guidance), so a booking is an hour long. */
    public static final Duration LENGTH = Duration.ofHours(1);

    /** Longest place description; an address or "the library in town" fits easily. */
    public static final int MAX_PLACE = 200;

    /** What the process lead types. */
    public record BookingInput(LocalDate date, LocalTime time, String place) {
    }

    private final JdbcClient jdbc;
    private final ParticipantService participants;
    private final RoundService rounds;
    private final CurrentActor currentActor;
    private final RoundKeys keys;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration reminderLead;

    Bookings(JdbcClient jdbc, ParticipantService participants, RoundService rounds, CurrentActor currentActor,
             RoundKeys keys, AuditLog audit, @Value("${delaktig.reminders.lead-time:24h}") Duration reminderLead) {
        this.jdbc = jdbc;
        this.participants = participants;
        this.rounds = rounds;
        this.currentActor = currentActor;
        this.keys = keys;
        this.audit = audit;
        this.clock = Clock.system(ZONE);
        this.reminderLead = reminderLead;
    }

    /**
     * How long before the interview the interviewer is reminded ({@code delaktig.reminders.lead-time},
     * 24 hours unless configured): by e-mail when mail is configured, and on the start page always.
     */
    public Duration reminderLead() {
        return reminderLead;
    }

    /** Whether the time from start to end overlaps a weekday's school hours. */
    public static boolean duringSchoolHours(LocalDateTime start, LocalDateTime end) {
        for (var day = start.toLocalDate(); !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            var schoolStart = day.atTime(SCHOOL_DAY_STARTS);
            var schoolEnd = day.atTime(SCHOOL_DAY_ENDS);
            if (start.isBefore(schoolEnd) && end.isAfter(schoolStart)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The child's booking, for the round's process lead and the child's assigned interviewer; empty
     * when none is made yet. Anyone else gets a 404.
     */
    @Transactional(readOnly = true)
    public Optional<Booking> find(long participantId) {
        readable(participantId, "READ");
        var booking = load("where b.participant_id = ?", participantId).stream().findFirst();
        booking.ifPresent(b -> audit.success("READ", "booking", participantId, b.unitId()));
        return booking;
    }

    /** Whether the current person may read the child's booking (and download its calendar file). */
    @Transactional(readOnly = true)
    public boolean mayRead(Participant participant) {
        var round = rounds.get(participant.roundId());
        var actor = currentActor.get();
        return actor.has(round.unitId(), Role.PROCESS_LEAD)
                || (participant.interviewerId() != null && participant.interviewerId() == actor.staffId());
    }

    /** Records or changes the booking. Process leads of the round only; the child must have consented. */
    public Booking book(long participantId, BookingInput input) {
        var participant = participants.get(participantId);
        var round = rounds.getManaged(participant.roundId());
        rounds.requireOpen(round);
        if (input.date() == null) {
            throw new InvalidInputException("date", "booking.date.required");
        }
        if (input.time() == null) {
            throw new InvalidInputException("time", "booking.time.required");
        }
        var place = input.place() == null ? "" : input.place().strip();
        if (place.isEmpty()) {
            throw new InvalidInputException("place", "booking.place.required");
        }
        if (place.length() > MAX_PLACE) {
            throw new InvalidInputException("place", "booking.place.tooLong", MAX_PLACE);
        }
        if (IdentityNumbers.containsIdentityNumber(place)) {
            throw new InvalidInputException("place", "privacy.identityNumber");
        }
        if (participant.consent() != ConsentStatus.CONSENTED) {
            throw new InvalidInputException("date", "booking.noConsent", participant.pseudonym());
        }
        var start = input.date().atTime(input.time()).atZone(ZONE);
        var end = start.plus(LENGTH);
        jdbc.sql("""
                insert into booking (participant_id, starts_at, ends_at, place, booked_by) values (?, ?, ?, ?, ?)
                on conflict (participant_id) do update set starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                    place = excluded.place, booked_by = excluded.booked_by, sequence = booking.sequence + 1, updated_at = now(),
                    reminded_at = case when booking.starts_at = excluded.starts_at then booking.reminded_at end""")
                .params(participantId, start.toOffsetDateTime(), end.toOffsetDateTime(),
                        keys.encryptIdentity(round.id(), place, placeContext(participantId)), currentActor.get().username())
                .update();
        audit.record(currentActor.get().username(), "BOOK", "booking", participantId, round.unitId(),
                AuditLog.Outcome.SUCCESS, start.toLocalDateTime().toString());
        return load("where b.participant_id = ?", participantId).get(0);
    }

    /** Removes the booking, e.g. when the child wants another time that is not known yet. */
    public void cancel(long participantId) {
        var participant = participants.get(participantId);
        var round = rounds.getManaged(participant.roundId());
        rounds.requireOpen(round);
        jdbc.sql("delete from booking where participant_id = ?").param(participantId).update();
        audit.success("CANCEL", "booking", participantId, round.unitId());
    }

    /**
     * Bookings the current person may see in rounds that are not closed: every booking of the
     * units they lead, and the bookings of children assigned to them. Earliest first.
     */
    @Transactional(readOnly = true)
    public List<Booking> visible() {
        var actor = currentActor.get();
        var led = new ArrayList<>(actor.unitsWith(Role.PROCESS_LEAD));
        if (led.isEmpty()) {
            led.add(-1L);
        }
        var list = load("""
                where r.stage <> 'CLOSED' and (r.unit_id in (:units) or p.interviewer_id = :me)
                order by b.starts_at, p.pseudonym""", led, actor.staffId()).stream()
                // An interviewer whose role in the unit has been revoked no longer sees its children.
                .filter(b -> actor.memberOf(b.unitId()))
                .toList();
        list.forEach(b -> audit.success("READ", "booking", b.participantId(), b.unitId()));
        return list;
    }

    /**
     * The current person's own interviews (children assigned to them) that start within {@code lead}
     * from now, earliest first: the reminder on the start page.
     */
    @Transactional(readOnly = true)
    public List<Booking> mineStartingWithin(Duration lead) {
        var actor = currentActor.get();
        var list = load("""
                where r.stage <> 'CLOSED' and p.interviewer_id = ?
                  and b.starts_at > now() and b.starts_at <= now() + (? * interval '1 second')
                order by b.starts_at, p.pseudonym""", actor.staffId(), lead.toSeconds()).stream()
                .filter(b -> actor.memberOf(b.unitId()))
                .toList();
        list.forEach(b -> audit.success("READ", "booking", b.participantId(), b.unitId()));
        return list;
    }

    /**
     * Claims the bookings whose interviewer is due an e-mail reminder: the interview starts within
     * {@code lead}, no reminder has gone out for this time, the round is not closed, and the assigned
     * interviewer is enabled, still has a role in the unit and has an e-mail address. Claiming sets
     * {@code reminded_at} in one update; with several nodes running the job at once the database's row
     * locks let only one of them get each booking, so the caller that gets a booking back is the one
     * that sends its reminder, exactly once. The claim commits when this method returns.
     *
     * <p>For the scheduled job: it needs no signed-in person and reads nothing about who is asking.
     * The bookings returned carry the place, which must not go into a mail.
     */
    public List<Booking> claimDueReminders(Duration lead) {
        // The staff conditions read the organisation's tables, as load() does for the interviewer's
        // name: a booking whose interviewer cannot be mailed stays unclaimed, so it is reminded once
        // they can be, and the list never claims that a reminder went out when none did.
        var claimed = jdbc.sql("""
                update booking b set reminded_at = now()
                from participant p join round r on r.id = p.round_id
                where p.id = b.participant_id and b.reminded_at is null
                  and b.starts_at > now() and b.starts_at <= now() + (? * interval '1 second')
                  and r.stage <> 'CLOSED' and p.interviewer_id is not null
                  and exists (select 1 from staff s where s.id = p.interviewer_id and s.enabled
                              and coalesce(btrim(s.email), '') <> '')
                  and exists (select 1 from staff_role sr where sr.staff_id = p.interviewer_id and sr.unit_id = r.unit_id)
                returning b.participant_id""")
                .param(lead.toSeconds()).query(Long.class).list();
        return claimed.stream()
                .flatMap(id -> load("where b.participant_id = ?", id).stream())
                .sorted(Comparator.comparing(Booking::startsAt))
                .toList();
    }

    /**
     * Gives back a claim from {@link #claimDueReminders} whose reminder could not be sent, so a later
     * run tries again. For the scheduled job, like the claim.
     */
    public void releaseReminder(long participantId) {
        jdbc.sql("update booking set reminded_at = null where participant_id = ?").param(participantId).update();
    }

    /** The calendar file of the booking; it names the child by pseudonym only. */
    @Transactional(readOnly = true)
    public String calendarFile(long participantId, String summary) {
        readable(participantId, "CALENDAR");
        var booking = load("where b.participant_id = ?", participantId).stream().findFirst()
                .orElseThrow(NotFoundException::new);
        audit.success("CALENDAR", "booking", participantId, booking.unitId());
        return CalendarFile.event("delaktig-booking-" + participantId + "@delaktig", booking.sequence(),
                Instant.now(clock), booking.startsAt().atZone(ZONE).toInstant(), booking.endsAt().atZone(ZONE).toInstant(),
                summary, booking.place());
    }

    // -------------------------------------------------------------------------------------------

    private Participant readable(long participantId, String action) {
        var participant = participants.get(participantId);
        if (!mayRead(participant)) {
            audit.record(action, "booking", participantId, rounds.get(participant.roundId()).unitId(),
                    AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        return participant;
    }

    private List<Booking> load(String where, Object... params) {
        var sql = """
                select b.*, p.round_id, p.pseudonym, p.interviewer_id, s.display_name as interviewer_name,
                       r.unit_id, r.title as round_title
                from booking b join participant p on p.id = b.participant_id join round r on r.id = p.round_id
                left join staff s on s.id = p.interviewer_id
                """ + where;
        var spec = jdbc.sql(sql);
        if (where.contains(":units")) {
            spec = spec.param("units", params[0]).param("me", params[1]);
        } else {
            spec = spec.params(params);
        }
        return spec.query(this::row).list();
    }

    private Booking row(ResultSet rs, int n) throws SQLException {
        var participantId = rs.getLong("participant_id");
        var roundId = rs.getLong("round_id");
        return new Booking(participantId, roundId, rs.getString("round_title"), rs.getLong("unit_id"),
                rs.getString("pseudonym"),
                rs.getTimestamp("starts_at").toInstant().atZone(ZONE).toLocalDateTime(),
                rs.getTimestamp("ends_at").toInstant().atZone(ZONE).toLocalDateTime(),
                keys.decryptIdentity(roundId, rs.getBytes("place"), placeContext(participantId)),
                (Long) rs.getObject("interviewer_id"), rs.getString("interviewer_name"), rs.getInt("sequence"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getTimestamp("reminded_at") == null ? null : rs.getTimestamp("reminded_at").toInstant());
    }

    static String placeContext(long participantId) {
        return "booking-place:" + participantId;
    }
}
