package se.delaktig.round;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import se.delaktig.organization.StaffMember;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Proposes who interviews which consented child, and saves the process lead's choice.
 *
 * <p>The method wants each social worker to interview about one child a year. The proposal
 * therefore minimises the largest number of children any interviewer gets, never pairs a child with
 * someone who has a {@link Conflict}, keeps the assignments already made unless the lead asks to
 * plan anew, and is deterministic: the same data always gives the same proposal, so what the lead
 * saw is what "accept" saves.
 *
 * <p>Not transactional on purpose: every assignment is saved in its own transaction through
 * {@link ParticipantService#assign}, so one refused row does not undo the others.
 */
@Service
public class AssignmentSuggestions {

    private final ParticipantService participants;
    private final RoundService rounds;
    private final Conflicts conflicts;

    AssignmentSuggestions(ParticipantService participants, RoundService rounds, Conflicts conflicts) {
        this.participants = participants;
        this.rounds = rounds;
        this.conflicts = conflicts;
    }

    /** One child whose interviewer could not be saved, with the reason. */
    public record Refusal(long participantId, String pseudonym, InvalidInputException reason) {
    }

    /** The proposal for the round's consented children. Process leads of the unit only. */
    public AssignmentSuggestion suggest(long roundId, boolean replan) {
        rounds.getManaged(roundId);
        var children = participants.of(roundId).stream()
                .filter(p -> p.consent() == ConsentStatus.CONSENTED)
                .sorted(Comparator.comparing(Participant::pseudonym))
                .toList();
        var interviewers = participants.interviewers(roundId).stream()
                .sorted(Comparator.comparingLong(StaffMember::id))
                .toList();
        var knownBy = conflicts.knownByIds(children.stream().map(Participant::id).toList());
        return plan(roundId, replan, children, interviewers, knownBy);
    }

    /** Saves every change of the proposal. Returns the rows that were refused; the rest are saved. */
    public List<Refusal> accept(long roundId, boolean replan) {
        var suggestion = suggest(roundId, replan);
        var choices = new LinkedHashMap<Long, Long>();
        suggestion.changes().forEach(row -> choices.put(row.participantId(), row.proposedInterviewerId()));
        return save(roundId, choices);
    }

    /**
     * Saves the interviewer chosen for each child (a {@code null} value removes the interviewer).
     * Rows that equal today's assignment are left alone; refused rows come back with the reason.
     */
    public List<Refusal> save(long roundId, Map<Long, Long> interviewerByParticipant) {
        rounds.getManaged(roundId);
        var byId = new HashMap<Long, Participant>();
        participants.of(roundId).forEach(p -> byId.put(p.id(), p));
        var refusals = new ArrayList<Refusal>();
        for (var choice : interviewerByParticipant.entrySet()) {
            var participant = byId.get(choice.getKey());
            if (participant == null) {
                // An id from another round is treated as missing, like any id the person may not see.
                throw new NotFoundException();
            }
            var current = participant.interviewerId();
            if (current == null ? choice.getValue() == null : current.equals(choice.getValue())) {
                continue;
            }
            try {
                participants.assign(participant.id(), choice.getValue());
            } catch (InvalidInputException e) {
                refusals.add(new Refusal(participant.id(), participant.pseudonym(), e));
            }
        }
        return refusals;
    }

    // -------------------------------------------------------------------------------------------

    /**
     * The planning itself, free of the database so that it is easy to reason about: a bipartite
     * b-matching. Children who keep their interviewer fill part of that interviewer's capacity; the
     * rest are matched with augmenting paths (Kuhn's algorithm with capacities), trying the least
     * loaded interviewer first. The capacity starts at 1 and grows until as many children are
     * placed as could be placed at all, which gives the smallest possible largest load.
     */
    static AssignmentSuggestion plan(long roundId, boolean replan, List<Participant> children,
                                     List<StaffMember> interviewers, Map<Long, Set<Long>> knownBy) {
        var index = new HashMap<Long, Integer>();
        for (int i = 0; i < interviewers.size(); i++) {
            index.put(interviewers.get(i).id(), i);
        }
        var fixedLoad = new int[interviewers.size()];
        var kept = new HashMap<Long, Integer>();
        var free = new ArrayList<Participant>();
        var allowed = new HashMap<Long, List<Integer>>();
        var preferred = new HashMap<Long, Integer>();
        for (var child : children) {
            var known = knownBy.getOrDefault(child.id(), Set.of());
            var current = child.interviewerId();
            var keep = !replan && current != null && index.containsKey(current)
                    && Conflicts.between(child, current, known).isEmpty();
            if (keep) {
                kept.put(child.id(), index.get(current));
                fixedLoad[index.get(current)]++;
            } else {
                free.add(child);
                var options = new ArrayList<Integer>();
                for (int i = 0; i < interviewers.size(); i++) {
                    if (Conflicts.between(child, interviewers.get(i).id(), known).isEmpty()) {
                        options.add(i);
                    }
                }
                allowed.put(child.id(), options);
                if (current != null && index.containsKey(current)) {
                    preferred.put(child.id(), index.get(current));
                }
            }
        }
        var best = match(free, allowed, preferred, fixedLoad, Integer.MAX_VALUE);
        var placed = best.size();
        Map<Long, Integer> chosen = best;
        for (int capacity = 1; capacity <= free.size(); capacity++) {
            var attempt = match(free, allowed, preferred, fixedLoad, capacity);
            if (attempt.size() == placed) {
                chosen = attempt;
                break;
            }
        }
        var loads = new LinkedHashMap<Long, Integer>();
        interviewers.forEach(s -> loads.put(s.id(), 0));
        var rows = new ArrayList<AssignmentSuggestion.Row>();
        for (var child : children) {
            var known = knownBy.getOrDefault(child.id(), Set.of());
            var current = child.interviewerId();
            var currentConflict = current == null ? null : Conflicts.between(child, current, known).orElse(null);
            Integer proposed = kept.containsKey(child.id()) ? kept.get(child.id()) : chosen.get(child.id());
            AssignmentSuggestion.Kind kind;
            if (proposed == null) {
                kind = AssignmentSuggestion.Kind.NONE_POSSIBLE;
            } else if (kept.containsKey(child.id()) || Long.valueOf(interviewers.get(proposed).id()).equals(current)) {
                kind = AssignmentSuggestion.Kind.KEEP;
            } else {
                kind = current == null ? AssignmentSuggestion.Kind.ASSIGN : AssignmentSuggestion.Kind.CHANGE;
            }
            var proposedStaff = proposed == null ? null : interviewers.get(proposed);
            if (proposedStaff != null) {
                loads.merge(proposedStaff.id(), 1, Integer::sum);
            }
            rows.add(new AssignmentSuggestion.Row(child.id(), child.pseudonym(), child.age(), current,
                    child.interviewerName(), currentConflict,
                    proposedStaff == null ? null : proposedStaff.id(),
                    proposedStaff == null ? null : proposedStaff.displayName(), kind));
        }
        return new AssignmentSuggestion(roundId, replan, List.copyOf(rows), java.util.Collections.unmodifiableMap(loads));
    }

    /** Child id to interviewer index, for as many free children as fit under the capacity. */
    private static Map<Long, Integer> match(List<Participant> free, Map<Long, List<Integer>> allowed,
                                            Map<Long, Integer> preferred, int[] fixedLoad, int capacity) {
        var assignedTo = new HashMap<Long, Integer>();
        var childrenOf = new ArrayList<List<Long>>();
        for (int i = 0; i < fixedLoad.length; i++) {
            childrenOf.add(new ArrayList<>());
        }
        for (var child : free) {
            augment(child.id(), allowed, preferred, fixedLoad, capacity, assignedTo, childrenOf, new HashSet<>());
        }
        return assignedTo;
    }

    private static boolean augment(long child, Map<Long, List<Integer>> allowed, Map<Long, Integer> preferred,
                                   int[] fixedLoad, int capacity,
                                   Map<Long, Integer> assignedTo, List<List<Long>> childrenOf, Set<Integer> visited) {
        // Least loaded first; among equals the child's interviewer today (a re-plan changes no more
        // than it must), then the staff order. Spreads children evenly and stays deterministic.
        var today = preferred.get(child);
        var options = new ArrayList<>(allowed.get(child));
        options.sort(Comparator.comparingInt((Integer i) -> fixedLoad[i] + childrenOf.get(i).size())
                .thenComparingInt(i -> i.equals(today) ? 0 : 1)
                .thenComparingInt(i -> i));
        for (var i : options) {
            if (!visited.add(i)) {
                continue;
            }
            if (fixedLoad[i] + childrenOf.get(i).size() < capacity) {
                assignedTo.put(child, i);
                childrenOf.get(i).add(child);
                return true;
            }
            for (var other : List.copyOf(childrenOf.get(i))) {
                if (augment(other, allowed, preferred, fixedLoad, capacity, assignedTo, childrenOf, visited)) {
                    childrenOf.get(i).remove(other);
                    assignedTo.put(child, i);
                    childrenOf.get(i).add(child);
                    return true;
                }
            }
        }
        return false;
    }
}
