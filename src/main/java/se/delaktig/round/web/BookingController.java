package se.delaktig.round.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.round.Booking;
import se.delaktig.round.Bookings;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/** The booking form for the process lead, and the calendar file for the lead and the assigned interviewer. */
@Controller
class BookingController {

    private final RoundService rounds;
    private final ParticipantService participants;
    private final Bookings bookings;
    private final MessageSource messages;

    BookingController(RoundService rounds, ParticipantService participants, Bookings bookings, MessageSource messages) {
        this.rounds = rounds;
        this.participants = participants;
        this.bookings = bookings;
        this.messages = messages;
    }

    /** Kept as typed (strings), so a rejected form shows exactly what the person entered. */
    record BookingForm(String date, String time, String place) {

        static BookingForm of(Booking booking) {
            return new BookingForm(booking.startsAt().toLocalDate().toString(),
                    booking.startsAt().toLocalTime().toString(), booking.place());
        }

        Bookings.BookingInput input() {
            return new Bookings.BookingInput(parse("date", date, LocalDate::parse), parse("time", time, LocalTime::parse), place);
        }

        private static <T> T parse(String field, String value, java.util.function.Function<String, T> parser) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return parser.apply(value.trim());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(field, "booking." + field + ".invalid");
            }
        }
    }

    @GetMapping("/participants/{id}/booking")
    String form(@PathVariable long id, Model model) {
        var participant = participants.get(id);
        rounds.getManaged(participant.roundId());
        var form = bookings.find(id).map(BookingForm::of).orElse(new BookingForm("", "", ""));
        return page(id, form, FormErrors.none(), model);
    }

    @PostMapping("/participants/{id}/booking")
    String book(@PathVariable long id, @ModelAttribute("booking") BookingForm form, Model model, Locale locale,
                RedirectAttributes redirect) {
        var participant = participants.get(id);
        rounds.getManaged(participant.roundId());
        try {
            var booking = bookings.book(id, form.input());
            redirect.addFlashAttribute("flash", messages.getMessage("booking.saved",
                    new Object[]{participant.pseudonym()}, locale));
            // The page shows the warning anyway; this makes it an alert right after saving.
            redirect.addFlashAttribute("bookingJustSaved", booking.duringSchoolHours());
            return "redirect:/participants/" + id + "#booking";
        } catch (InvalidInputException e) {
            return page(id, form, FormErrors.of(e, messages, locale), model);
        }
    }

    @PostMapping("/participants/{id}/booking/cancel")
    String cancel(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
        var participant = participants.get(id);
        bookings.cancel(id);
        redirect.addFlashAttribute("flash", messages.getMessage("booking.cancelled",
                new Object[]{participant.pseudonym()}, locale));
        return "redirect:/participants/" + id + "#booking";
    }

    /** The booking as an iCalendar file. It names the child by pseudonym only, never by name. */
    @GetMapping("/participants/{id}/booking.ics")
    ResponseEntity<byte[]> calendar(@PathVariable long id, Locale locale) {
        var participant = participants.get(id);
        if (!bookings.mayRead(participant)) {
            throw new NotFoundException();
        }
        var summary = messages.getMessage("booking.calendar.summary", new Object[]{participant.pseudonym()}, locale);
        var body = bookings.calendarFile(id, summary).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("intervju-" + participant.pseudonym() + ".ics").build().toString())
                .body(body);
    }

    private String page(long participantId, BookingForm form, FormErrors errors, Model model) {
        var participant = participants.get(participantId);
        model.addAttribute("participant", participant);
        model.addAttribute("round", rounds.get(participant.roundId()));
        model.addAttribute("booking", form);
        model.addAttribute("errors", errors);
        model.addAttribute("schoolStarts", Bookings.SCHOOL_DAY_STARTS);
        model.addAttribute("schoolEnds", Bookings.SCHOOL_DAY_ENDS);
        return "round/booking-form";
    }
}
