package se.delaktig.round.web;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.delaktig.access.Actor;
import se.delaktig.access.CurrentActor;
import se.delaktig.organization.Role;
import se.delaktig.round.Booking;
import se.delaktig.round.Bookings;
import se.delaktig.round.ConsentStatus;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.PersonalWork;
import se.delaktig.round.ProgressItem;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.round.RoundSnapshot;
import se.delaktig.round.Stage;
import se.delaktig.round.WorkItem;

/**
 * The start page answers "what needs me now?" with one short list per role the person holds: the
 * process lead's rounds with their figures and next step, the unit manager's proposals and overdue
 * actions, the interviewer's bookings, drafts and reflections. Administrators and R&D staff, who
 * see no rounds, are told plainly what the page offers them.
 */
@Controller
class HomeController {

    /** How far ahead the interviewer's own bookings are listed. */
    private static final Duration BOOKINGS_AHEAD = Duration.ofDays(120);
    private static final int MAX_BOOKINGS = 5;

    private final CurrentActor currentActor;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Bookings bookings;
    private final RoundGuide guide;
    private final List<PersonalWork> work;

    /** An interview of the person's own that starts soon; {@code key} says "today", "tomorrow" or a date. */
    record Reminder(String key, String time, String pseudonym, String date, long participantId) {
    }

    /**
     * A round the person leads, with its figures. {@code interviews} and {@code coding} are the
     * checklist's lines ({@code coding} only once the analysis has started); {@code next} the line
     * whose action comes next, or {@code null} when moving on is next.
     */
    record LeadRound(Round round, long invited, long answered, ProgressItem interviews, ProgressItem coding,
                     ProgressItem next) {
    }

    /** One of the interviewer's coming bookings: date, time and place. */
    record Upcoming(long participantId, String pseudonym, String roundTitle, String date, String time, String place) {
    }

    HomeController(CurrentActor currentActor, RoundService rounds, ParticipantService participants, Bookings bookings,
                   RoundGuide guide, List<PersonalWork> work) {
        this.currentActor = currentActor;
        this.rounds = rounds;
        this.participants = participants;
        this.bookings = bookings;
        this.guide = guide;
        this.work = work;
    }

    @GetMapping("/")
    String home(Model model) {
        var actor = currentActor.get();
        var visible = rounds.visible();
        var lead = !actor.unitsWith(Role.PROCESS_LEAD).isEmpty();
        var interviewer = !actor.unitsWith(Role.INTERVIEWER).isEmpty();
        var manager = !actor.unitsWith(Role.UNIT_MANAGER).isEmpty();
        model.addAttribute("actor", actor);
        model.addAttribute("isLead", lead);
        model.addAttribute("isInterviewer", interviewer);
        model.addAttribute("isManager", manager);
        model.addAttribute("isAnalyst", !actor.unitsWith(Role.RD_ANALYST).isEmpty());
        model.addAttribute("hasNoRoundRole", !lead && !interviewer && !manager);
        model.addAttribute("rounds", visible);
        model.addAttribute("canCreate", !rounds.unitsForNewRound().isEmpty());
        model.addAttribute("leadRounds", lead ? leadRounds(actor, visible) : List.of());
        // One read of the person's own bookings (each read is audited) serves the reminder and the list.
        var mine = bookings.mineStartingWithin(BOOKINGS_AHEAD.compareTo(bookings.reminderLead()) > 0
                ? BOOKINGS_AHEAD : bookings.reminderLead());
        var soonest = java.time.LocalDateTime.now(Bookings.ZONE).plus(bookings.reminderLead());
        model.addAttribute("reminders", reminders(mine.stream().filter(b -> !b.startsAt().isAfter(soonest)).toList()));

        Map<String, List<WorkItem>> waiting = work.stream().flatMap(w -> w.forCurrentPerson().stream())
                .collect(Collectors.groupingBy(WorkItem::section));
        model.addAttribute("drafts", currentFirst(waiting.getOrDefault(WorkItem.DRAFTS, List.of()), visible));
        model.addAttribute("reflections", currentFirst(waiting.getOrDefault(WorkItem.REFLECTIONS, List.of()), visible));
        model.addAttribute("proposals", waiting.getOrDefault(WorkItem.PROPOSALS, List.of()));
        model.addAttribute("overdue", waiting.getOrDefault(WorkItem.OVERDUE, List.of()));
        if (interviewer) {
            model.addAttribute("assignments", participants.assignedToMe().size());
            model.addAttribute("upcoming", upcoming(mine));
        }
        return "round/home";
    }

    private List<LeadRound> leadRounds(Actor actor, List<Round> visible) {
        var result = new ArrayList<LeadRound>();
        for (var round : visible) {
            if (round.stage() == Stage.CLOSED || !actor.has(round.unitId(), Role.PROCESS_LEAD)) {
                continue;
            }
            var snapshot = new RoundSnapshot(round, participants.of(round.id()));
            var invited = snapshot.participants().size();
            var answered = snapshot.participants().stream().filter(p -> p.consent() != ConsentStatus.PENDING).count();
            var interviews = line(guide.items(snapshot, Stage.INTERVIEWS), "interviews");
            var coding = Stage.ANALYSIS.isAfter(round.stage()) ? null : line(guide.items(snapshot, Stage.ANALYSIS), "coding");
            var next = guide.checklist(snapshot, true).next();
            result.add(new LeadRound(round, invited, answered, interviews, coding, next));
        }
        return result;
    }

    private static ProgressItem line(List<ProgressItem> items, String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
    }

    /** The newest round's work first (the rounds come newest first), then by round in that order. */
    private static List<WorkItem> currentFirst(List<WorkItem> items, List<Round> visible) {
        var order = visible.stream().map(Round::id).toList();
        return items.stream()
                .sorted(Comparator.comparingInt(i -> order.indexOf(i.roundId()) < 0 ? Integer.MAX_VALUE : order.indexOf(i.roundId())))
                .toList();
    }

    private static List<Upcoming> upcoming(List<Booking> mine) {
        var dates = DateTimeFormatter.ISO_LOCAL_DATE;
        var times = DateTimeFormatter.ofPattern("HH:mm");
        return mine.stream().limit(MAX_BOOKINGS)
                .map(b -> new Upcoming(b.participantId(), b.pseudonym(), b.roundTitle(), b.startsAt().format(dates),
                        b.startsAt().format(times) + "–" + b.endsAt().format(times), b.place()))
                .toList();
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
