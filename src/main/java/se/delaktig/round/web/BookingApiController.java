package se.delaktig.round.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.round.AssignmentSuggestion;
import se.delaktig.round.AssignmentSuggestions;
import se.delaktig.round.Booking;
import se.delaktig.round.Bookings;

/**
 * Bookings and the assignment suggestion as JSON. The booking's place is child data: the API gives
 * it to the same people as the pages (the process lead and the assigned interviewer).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Assignment and booking", description = "Assignment suggestion, interview bookings")
class BookingApiController {

    private final Bookings bookings;
    private final AssignmentSuggestions suggestions;
    private final MessageSource messages;

    BookingApiController(Bookings bookings, AssignmentSuggestions suggestions, MessageSource messages) {
        this.bookings = bookings;
        this.suggestions = suggestions;
        this.messages = messages;
    }

    record BookingJson(long participantId, String pseudonym, LocalDateTime startsAt, LocalDateTime endsAt,
                       String timeZone, String place, Long interviewerId, boolean duringSchoolHours,
                       List<String> warnings) {
        static BookingJson of(Booking b) {
            return new BookingJson(b.participantId(), b.pseudonym(), b.startsAt(), b.endsAt(), Bookings.ZONE.getId(),
                    b.place(), b.interviewerId(), b.duringSchoolHours(),
                    b.duringSchoolHours() ? List.of("SCHOOL_HOURS") : List.of());
        }
    }

    record BookingInputJson(LocalDate date, LocalTime time, String place) {
    }

    record RefusalJson(long participantId, String pseudonym, String code, String message) {
    }

    record AcceptedJson(AssignmentSuggestion assignments, List<RefusalJson> refused) {
    }

    @GetMapping("/participants/{id}/booking")
    @Operation(summary = "The interview booking (process lead, assigned interviewer); 404 when none")
    ResponseEntity<BookingJson> booking(@PathVariable long id) {
        return ResponseEntity.of(bookings.find(id).map(BookingJson::of));
    }

    @PutMapping("/participants/{id}/booking")
    @Operation(summary = "Record or change the booking; warns (SCHOOL_HOURS) but does not refuse a time in school hours")
    BookingJson book(@PathVariable long id, @RequestBody BookingInputJson body) {
        return BookingJson.of(bookings.book(id, new Bookings.BookingInput(body.date(), body.time(), body.place())));
    }

    @GetMapping("/rounds/{id}/assignment-suggestion")
    @Operation(summary = "Proposed interviewer per consented child: balanced, free of conflicts, keeps existing unless replan")
    AssignmentSuggestion suggestion(@PathVariable long id, @RequestParam(defaultValue = "false") boolean replan) {
        return suggestions.suggest(id, replan);
    }

    @PostMapping("/rounds/{id}/assignment-suggestion/accept")
    @Operation(summary = "Save every proposed change; refused rows are listed with the reason, the rest is saved")
    AcceptedJson accept(@PathVariable long id, @RequestParam(defaultValue = "false") boolean replan, Locale locale) {
        var refused = suggestions.accept(id, replan).stream()
                .map(r -> new RefusalJson(r.participantId(), r.pseudonym(), r.reason().messageKey(),
                        messages.getMessage(r.reason().messageKey(), r.reason().args(), r.reason().messageKey(), locale)))
                .toList();
        return new AcceptedJson(suggestions.suggest(id, false), refused);
    }
}
