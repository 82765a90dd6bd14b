package se.delaktig.round.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.delaktig.access.CurrentActor;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/** The start page: the person's rounds and assigned interviews. */
@Controller
class HomeController {

    private final CurrentActor currentActor;
    private final RoundService rounds;
    private final ParticipantService participants;

    HomeController(CurrentActor currentActor, RoundService rounds, ParticipantService participants) {
        this.currentActor = currentActor;
        this.rounds = rounds;
        this.participants = participants;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("actor", currentActor.get());
        model.addAttribute("rounds", rounds.visible());
        model.addAttribute("canCreate", !rounds.unitsForNewRound().isEmpty());
        model.addAttribute("assignments", participants.assignedToMe().size());
        return "round/home";
    }
}
