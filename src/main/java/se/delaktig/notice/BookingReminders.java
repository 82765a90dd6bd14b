package se.delaktig.notice;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;
import se.delaktig.round.Booking;
import se.delaktig.round.Bookings;

/**
 * Reminds the assigned interviewer of a booked interview by e-mail, once, when it starts within the
 * lead time ({@code delaktig.reminders.lead-time}, 24 hours). Only when SMTP is configured
 * ({@code spring.mail.host}); otherwise nothing is claimed and the start page is the reminder.
 *
 * <p>Every node runs the job; {@link Bookings#claimDueReminders} hands each booking to exactly one
 * of them. The mail names the child by pseudonym only and never says where: the place may be the
 * child's home, and mail leaves the municipality's control.
 */
@Component
class BookingReminders {

    private static final Logger log = LoggerFactory.getLogger(BookingReminders.class);
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", SWEDISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", SWEDISH);

    private final ObjectProvider<JavaMailSender> mailSender;
    private final Bookings bookings;
    private final Organization organization;
    private final AuditLog audit;
    private final MessageSource messages;
    private final String baseUrl;
    private final String from;

    BookingReminders(ObjectProvider<JavaMailSender> mailSender, Bookings bookings, Organization organization,
                     AuditLog audit, MessageSource messages, @Value("${delaktig.base-url:}") String baseUrl,
                     @Value("${delaktig.mail.from:delaktig@localhost}") String from) {
        this.mailSender = mailSender;
        this.bookings = bookings;
        this.organization = organization;
        this.audit = audit;
        this.messages = messages;
        this.baseUrl = baseUrl;
        this.from = from;
    }

    /** Sends the reminders that are due; returns how many this node sent. */
    @Scheduled(fixedDelayString = "${delaktig.reminders.interval:PT5M}",
            initialDelayString = "${delaktig.reminders.initial-delay:PT1M}")
    int remindDue() {
        var sender = mailSender.getIfAvailable();
        if (sender == null) {
            return 0;
        }
        var sent = 0;
        for (var booking : bookings.claimDueReminders(bookings.reminderLead())) {
            if (send(sender, booking)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(JavaMailSender sender, Booking booking) {
        var email = organization.staffMember(booking.interviewerId()).map(s -> s.email()).orElse(null);
        if (email == null) {
            // Removed between the claim and now; give the claim back so the list does not say "sent".
            bookings.releaseReminder(booking.participantId());
            return false;
        }
        var mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(email);
        mail.setSubject(messages.getMessage("notice.reminder.mail.subject", null, SWEDISH));
        mail.setText(messages.getMessage("notice.reminder.mail.body", new Object[] {
                DATE.format(booking.startsAt()), TIME.format(booking.startsAt()), booking.pseudonym(),
                base() + "/bookings"}, SWEDISH));
        try {
            sender.send(mail);
        } catch (MailException e) {
            // Give the claim back: the next run tries again, until the interview has started.
            log.warn("Could not send the booking reminder to staff {}: {}", booking.interviewerId(), e.getMessage());
            bookings.releaseReminder(booking.participantId());
            audit.record("system", "REMIND_BOOKING", "booking", booking.participantId(), booking.unitId(),
                    AuditLog.Outcome.FAILURE, "mail not sent");
            return false;
        }
        audit.record("system", "REMIND_BOOKING", "booking", booking.participantId(), booking.unitId(),
                AuditLog.Outcome.SUCCESS, null);
        return true;
    }

    /** No request here, so only a configured address can make the link absolute. */
    private String base() {
        return baseUrl.replaceAll("/+$", "");
    }
}
