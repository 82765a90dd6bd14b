package se.delaktig.notice;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import se.delaktig.interview.Safeguarding;
import se.delaktig.interview.SafeguardingFlagRaised;
import se.delaktig.organization.StaffMember;

/**
 * Announces a new safeguarding notice by e-mail to the unit's process leads and unit managers, once
 * the flag is committed. Only when SMTP is configured ({@code spring.mail.host}); otherwise the list
 * in the application is the only channel. The mail says only that there is a notice and links to
 * the list: the note and anything about the child stay in Delaktig.
 *
 * <p>A mail that cannot be sent is logged and not retried: the notice is already in the list, and
 * the flag must never fail because a mail server is down.
 */
@Component
class NoticeMail {

    private static final Logger log = LoggerFactory.getLogger(NoticeMail.class);
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");

    private final ObjectProvider<JavaMailSender> mailSender;
    private final Safeguarding safeguarding;
    private final MessageSource messages;
    private final String baseUrl;
    private final String from;

    NoticeMail(ObjectProvider<JavaMailSender> mailSender, Safeguarding safeguarding, MessageSource messages,
               @Value("${delaktig.base-url:}") String baseUrl,
               @Value("${delaktig.mail.from:delaktig@localhost}") String from) {
        this.mailSender = mailSender;
        this.safeguarding = safeguarding;
        this.messages = messages;
        this.baseUrl = baseUrl;
        this.from = from;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(SafeguardingFlagRaised event) {
        var sender = mailSender.getIfAvailable();
        if (sender == null) {
            return;
        }
        var link = base() + "/notices";
        for (var receiver : safeguarding.receiversOf(event.unitId())) {
            if (!receiver.enabled() || receiver.email() == null || receiver.email().isBlank()) {
                continue;
            }
            send(sender, receiver, link);
        }
    }

    private void send(JavaMailSender sender, StaffMember receiver, String link) {
        var mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(receiver.email());
        mail.setSubject(messages.getMessage("notice.mail.subject", null, SWEDISH));
        mail.setText(messages.getMessage("notice.mail.body", new Object[] {link}, SWEDISH)
                + "\n\n----\n\n" + messages.getMessage("notice.mail.body", new Object[] {link}, Locale.ENGLISH));
        try {
            sender.send(mail);
        } catch (MailException e) {
            log.warn("Could not send the safeguarding notice mail to staff {}: {}", receiver.id(), e.getMessage());
        }
    }

    /** The address people reach Delaktig at: configured, else the address of the request that raised the flag. */
    private String base() {
        if (!baseUrl.isBlank()) {
            return baseUrl.replaceAll("/+$", "");
        }
        try {
            return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        } catch (IllegalStateException e) {
            return "";
        }
    }
}
