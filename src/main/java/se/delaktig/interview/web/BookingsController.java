package se.delaktig.interview.web;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.delaktig.round.Booking;
import se.delaktig.round.Bookings;

/**
 * Upcoming and overdue interviews. It lives in the interview module because "overdue" needs both
 * halves: the booked time comes from the round module, whether the interview is complete from this
 * one (the round module must not depend on interviews). Process leads see their units' bookings,
 * interviewers their own.
 */
@Controller
class BookingsController {

    private final Bookings bookings;
    private final JdbcClient jdbc;

    BookingsController(Bookings bookings, JdbcClient jdbc) {
        this.bookings = bookings;
        this.jdbc = jdbc;
    }

    @GetMapping("/bookings")
    String list(Model model) {
        var visible = bookings.visible();
        var complete = completed(visible);
        var now = Instant.now();
        // Overdue: the booked time has come and the interview is not marked complete. A past booking
        // whose interview is complete needs nobody's attention and is left out.
        model.addAttribute("upcoming", visible.stream().filter(b -> !b.hasStarted(now)).toList());
        model.addAttribute("overdue", visible.stream()
                .filter(b -> b.hasStarted(now) && !complete.contains(b.participantId())).toList());
        return "interview/bookings";
    }

    /** Participants among the bookings whose interview is complete (this module's own table). */
    private Set<Long> completed(List<Booking> list) {
        if (list.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select participant_id from interview where status = 'COMPLETE' and participant_id in (:ids)")
                .param("ids", list.stream().map(Booking::participantId).toList())
                .query(Long.class).list());
    }
}
