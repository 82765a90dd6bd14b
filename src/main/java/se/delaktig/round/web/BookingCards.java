package se.delaktig.round.web;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import se.delaktig.round.Bookings;
import se.delaktig.round.Conflicts;
import se.delaktig.round.Participant;

/**
 * What the participant page needs for its assignment card (who knows the family) and its booking
 * card. Kept apart from {@link ParticipantController} so that the page controller only has to ask
 * for it, and each card reads only what the person may see.
 */
@Component
class BookingCards {

    private final Conflicts conflicts;
    private final Bookings bookings;

    BookingCards(Conflicts conflicts, Bookings bookings) {
        this.conflicts = conflicts;
        this.bookings = bookings;
    }

    void addTo(Model model, Participant participant, boolean canManage) {
        model.addAttribute("knownBy", canManage ? conflicts.knownBy(participant.id()) : java.util.List.of());
        var mayReadBooking = bookings.mayRead(participant);
        model.addAttribute("mayReadBooking", mayReadBooking);
        model.addAttribute("booking", mayReadBooking ? bookings.find(participant.id()).orElse(null) : null);
    }
}
