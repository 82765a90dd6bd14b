package se.delaktig.organization.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Places;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * The municipality's place list: schools, areas, clubs and the like that the de-identification check
 * of quotes flags. For administrators and the process leads of the municipality's units.
 */
@Controller
class PlacesController {

    private final Places places;
    private final Organization organization;
    private final MessageSource messages;

    PlacesController(Places places, Organization organization, MessageSource messages) {
        this.places = places;
        this.organization = organization;
        this.messages = messages;
    }

    @GetMapping("/municipalities/{id}/places")
    String list(@PathVariable long id, Model model) {
        return page(id, model, FormErrors.none(), "");
    }

    @PostMapping("/municipalities/{id}/places")
    String add(@PathVariable long id, @RequestParam(required = false) String names, Model model,
               RedirectAttributes redirect, Locale locale) {
        try {
            var added = places.add(id, names);
            redirect.addFlashAttribute("flash", messages.getMessage("organization.place.added",
                    new Object[]{added.size()}, locale));
            return "redirect:/municipalities/" + id + "/places";
        } catch (InvalidInputException e) {
            return page(id, model, FormErrors.of(new InvalidInputException("place-names", e.messageKey(), e.args()),
                    messages, locale), names);
        }
    }

    @PostMapping("/municipalities/{id}/places/{placeId}/delete")
    String remove(@PathVariable long id, @PathVariable long placeId, @RequestParam(required = false) String name,
                  RedirectAttributes redirect, Locale locale) {
        places.remove(id, placeId);
        redirect.addFlashAttribute("flash", messages.getMessage("organization.place.removed",
                new Object[]{name == null ? "" : name}, locale));
        return "redirect:/municipalities/" + id + "/places";
    }

    private String page(long id, Model model, FormErrors errors, String names) {
        var list = places.list(id);
        var municipality = organization.municipality(id).orElseThrow(NotFoundException::new);
        model.addAttribute("municipality", municipality);
        model.addAttribute("places", list);
        model.addAttribute("errors", errors);
        model.addAttribute("names", names);
        return "admin/places";
    }
}
