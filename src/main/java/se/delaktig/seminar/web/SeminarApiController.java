package se.delaktig.seminar.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.seminar.Agendas;
import se.delaktig.seminar.Seminars;

/** A round's seminar proposals and reading checklist as JSON. */
@RestController
class SeminarApiController {

    record Move(Seminars.Direction direction) {
    }

    record Reading(List<Long> read) {
    }

    record Rank(Integer rank) {
    }

    private final Seminars seminars;
    private final Agendas agendas;

    SeminarApiController(Seminars seminars, Agendas agendas) {
        this.seminars = seminars;
        this.agendas = agendas;
    }

    /** One proposal with its evidence resolved. */
    @GetMapping("/api/v1/rounds/{id}/seminar/proposals/{proposalId}")
    Seminars.Proposal proposal(@PathVariable long id, @PathVariable long proposalId) {
        return seminars.proposal(id, proposalId);
    }

    /** Replaces a proposal's evidence: {"evidence": "…", "codeIds": [..], "quoteIds": [..], "questionIds": [..]}. */
    @PutMapping("/api/v1/rounds/{id}/seminar/proposals/{proposalId}/evidence")
    Seminars.Proposal evidence(@PathVariable long id, @PathVariable long proposalId,
                               @RequestBody Seminars.EvidenceInput input) {
        return seminars.updateEvidence(id, proposalId, input);
    }

    /** Puts a proposal at a place in the ranking: {"rank": 1} moves it to the top. */
    @PostMapping("/api/v1/rounds/{id}/seminar/proposals/{proposalId}/rank")
    Seminars.Proposals rank(@PathVariable long id, @PathVariable long proposalId, @RequestBody Rank rank) {
        seminars.rankAt(id, proposalId, rank == null ? null : rank.rank());
        return seminars.proposals(id);
    }

    /** What proposals of the round can be linked to: codes, approved quotes and the questions' counts. */
    @GetMapping("/api/v1/rounds/{id}/seminar/evidence")
    Seminars.EvidenceChoices evidenceChoices(@PathVariable long id) {
        return seminars.evidenceChoices(id);
    }

    /** The agenda generated from the analysis. */
    @GetMapping("/api/v1/rounds/{id}/seminar/agenda")
    Agendas.Agenda agenda(@PathVariable long id) {
        return agendas.agenda(id);
    }

    @GetMapping("/api/v1/rounds/{id}/seminar/proposals")
    Seminars.Proposals proposals(@PathVariable long id) {
        return seminars.proposals(id);
    }

    @PostMapping("/api/v1/rounds/{id}/seminar/proposals")
    @ResponseStatus(HttpStatus.CREATED)
    Seminars.Proposal add(@PathVariable long id, @RequestBody Seminars.NewProposal proposal) {
        return seminars.addProposal(id, proposal);
    }

    @PostMapping("/api/v1/rounds/{id}/seminar/proposals/{proposalId}/move")
    Seminars.Proposals move(@PathVariable long id, @PathVariable long proposalId, @RequestBody Move move) {
        if (move == null || move.direction() == null) {
            throw new se.delaktig.web.InvalidInputException("direction", "seminar.direction.required");
        }
        seminars.move(id, proposalId, move.direction());
        return seminars.proposals(id);
    }

    /** The current person's reading checklist. */
    @GetMapping("/api/v1/rounds/{id}/seminar/reading")
    List<Seminars.ReadingItem> reading(@PathVariable long id) {
        return seminars.checklist(id);
    }

    @PostMapping("/api/v1/rounds/{id}/seminar/reading")
    List<Seminars.ReadingItem> setReading(@PathVariable long id, @RequestBody Reading reading) {
        seminars.setRead(id, reading.read() == null ? List.of() : reading.read());
        return seminars.checklist(id);
    }

    /** Who has not finished reading; only for the round's process lead. */
    @GetMapping("/api/v1/rounds/{id}/seminar/reading/progress")
    List<Seminars.ReadingProgress> progress(@PathVariable long id) {
        return seminars.progress(id);
    }
}
