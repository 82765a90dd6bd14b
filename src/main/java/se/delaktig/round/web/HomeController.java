package se.delaktig.round.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.delaktig.access.CurrentActor;
import se.delaktig.round.Booking;
import se.delaktig.round.Bookings;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/** The start page: the person's rounds and assigned interviews. */
@Controller
class HomeController {

    private final CurrentActor currentActor;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Bookings bookings;

    /** An interview of the person's own that starts soon; {@code key} says "today", "tomorrow" or a date. */
    record Reminder(String key, String time, String pseudonym, String date, long participantId) {
    }

    HomeController(CurrentActor currentActor, RoundService rounds, ParticipantService participants, Bookings bookings) {
        this.currentActor = currentActor;
        this.rounds = rounds;
        this.participants = participants;
        this.bookings = bookings;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("actor", currentActor.get());
        model.addAttribute("rounds", rounds.visible());
        model.addAttribute("canCreate", !rounds.unitsForNewRound().isEmpty());
        model.addAttribute("assignments", participants.assignedToMe().size());
        model.addAttribute("reminders", reminders(bookings.mineStartingWithin(bookings.reminderLead())));
        return "round/home";
    }

    /** The reminder shown whether or not mail is configured: the start page is where everyone looks. */
    private static List<Reminder> reminders(List<Booking> soon) {
        var today = LocalDate.now(Bookings.ZONE);
        return soon.stream().map(b -> {
            var day = b.startsAt().toLocalDate();
            var key = day.equals(today) ? "booking.reminder.today"
                    : day.equals(today.plusDays(1)) ? "booking.reminder.tomorrow" : "booking.reminder.later";
            return new Reminder(key, b.startsAt().format(DateTimeFormatter.ofPattern("HH:mm")), b.pseudonym(),
                    day.toString(), b.participantId());
        }).toList();
    }
}
