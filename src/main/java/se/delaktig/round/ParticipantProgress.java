package se.delaktig.round;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The round's own part of the checklist: the plan, the children and their letters and consent, the
 * interviewers and the bookings.
 */
@Component
@Order(0)
@Transactional(readOnly = true)
class ParticipantProgress implements RoundProgressContributor {

    private final ParticipantService participants;
    private final JdbcClient jdbc;

    ParticipantProgress(ParticipantService participants, JdbcClient jdbc) {
        this.participants = participants;
        this.jdbc = jdbc;
    }

    @Override
    public List<ProgressItem> progress(RoundSnapshot snapshot, Stage stage) {
        var round = snapshot.round();
        return switch (stage) {
            case PLANNING -> planning(round);
            case SELECTION -> selection(snapshot);
            case ASSIGNMENT -> assignment(snapshot);
            default -> List.of();
        };
    }

    private static List<ProgressItem> planning(Round round) {
        var items = new ArrayList<ProgressItem>();
        items.add(ProgressItem.of("plan", Stage.PLANNING, "guide.item.plan", ProgressItem.State.DONE, true,
                round.periodStart().toString(), round.periodEnd().toString()));
        items.add(round.seminarDate() == null
                ? ProgressItem.of("seminarDate", Stage.PLANNING, "guide.item.seminarDate.missing", ProgressItem.State.NOT_STARTED, true)
                : ProgressItem.of("seminarDate", Stage.PLANNING, "guide.item.seminarDate", ProgressItem.State.DONE, true,
                        round.seminarDate().toString()));
        return items;
    }

    private List<ProgressItem> selection(RoundSnapshot snapshot) {
        var round = snapshot.round();
        var list = snapshot.participants();
        var id = round.id();
        var items = new ArrayList<ProgressItem>();
        long added = list.size();
        var target = round.targetChildren();
        var childrenState = added == 0 ? ProgressItem.State.NOT_STARTED
                : target != null && added < target ? ProgressItem.State.STARTED : ProgressItem.State.DONE;
        var childrenItem = ProgressItem.of("children", Stage.SELECTION, "guide.item.children", childrenState, true,
                added, target == null ? -1 : target);
        // Adding children is the next thing only while there are none; below the target, inviting the
        // children already chosen comes first (the page's "Lägg till ett barn" is always at hand).
        items.add(added == 0 ? childrenItem.withAction("guide.action.addChildren")
                .withLink(null, "/rounds/" + id + "/participants/new").forLeadOnly() : childrenItem);

        var letters = participants.lettersSentInRound(id);
        var withoutLetter = list.stream().filter(p -> letters.get(p.id()) == null || letters.get(p.id()).isEmpty()).toList();
        long invited = added - withoutLetter.size();
        var lettersItem = ProgressItem.of("letters", Stage.SELECTION, "guide.item.letters",
                ProgressItem.stateOf(invited, added), true, invited, added);
        if (!withoutLetter.isEmpty()) {
            lettersItem = lettersItem.withAction("guide.action.invite")
                    .withLink(null, "/participants/" + withoutLetter.get(0).id()).forLeadOnly();
        }
        items.add(lettersItem);

        var pending = list.stream().filter(p -> p.consent() == ConsentStatus.PENDING).toList();
        long answered = added - pending.size();
        var consentItem = ProgressItem.of("consent", Stage.SELECTION, added == 0 ? "guide.item.consent.none" : "guide.item.consent",
                ProgressItem.stateOf(answered, added), true, pending.size(), answered, added);
        if (!pending.isEmpty()) {
            consentItem = consentItem.withAction("guide.action.recordConsent")
                    .withLink(null, "/participants/" + pending.get(0).id()).forLeadOnly();
        }
        items.add(consentItem);
        items.add(ProgressItem.of("consented", Stage.SELECTION, "guide.item.consented", ProgressItem.State.INFO, false,
                count(list, ConsentStatus.CONSENTED), count(list, ConsentStatus.DECLINED) + count(list, ConsentStatus.WITHDRAWN)));
        return items;
    }

    private List<ProgressItem> assignment(RoundSnapshot snapshot) {
        var round = snapshot.round();
        var consented = snapshot.participants().stream().filter(p -> p.consent() == ConsentStatus.CONSENTED).toList();
        long assigned = consented.stream().filter(p -> p.interviewerId() != null).count();
        var items = new ArrayList<ProgressItem>();
        items.add(new ProgressItem("assigned", Stage.ASSIGNMENT, "guide.item.assigned", List.of(assigned, consented.size()),
                ProgressItem.stateOf(assigned, consented.size()), true, "round.results.assignments",
                "/rounds/" + round.id() + "/assignments", assigned < consented.size() ? "guide.action.assign" : null, true));
        long booked = jdbc.sql("""
                select count(*) from booking b join participant p on p.id = b.participant_id
                where p.round_id = ? and p.interviewer_id is not null""").param(round.id()).query(Long.class).single();
        items.add(ProgressItem.of("booked", Stage.ASSIGNMENT, "guide.item.booked", ProgressItem.stateOf(booked, assigned),
                false, booked, assigned));
        return items;
    }

    private static long count(List<Participant> list, ConsentStatus status) {
        return list.stream().filter(p -> p.consent() == status).count();
    }
}
