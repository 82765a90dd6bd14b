package se.delaktig.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The page a browser gets when {@link IdentityNumberGuard} refuses a form whose own page did not show
 * the error: it names each field that held a number, keeps everything typed and sends the form again.
 * Reached only by the guard's forward; asked for directly, it does not exist.
 */
@Controller
class IdentityNumberRefusedController {

    private final IdentityNumberGuard guard;

    IdentityNumberRefusedController(IdentityNumberGuard guard) {
        this.guard = guard;
    }

    /** One field as the page shows it: hidden and unchanged, or in a text box with its error. */
    record Shown(String id, String name, String value, boolean refused, String label, String message) {
    }

    @RequestMapping(IdentityNumberGuard.REFUSED_PATH)
    String refused(HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        if (!(request.getAttribute(IdentityNumberGuard.REFUSAL) instanceof IdentityNumberGuard.Refusal refusal)) {
            throw new NotFoundException();
        }
        var shown = new ArrayList<Shown>();
        var errors = new ArrayList<Shown>();
        for (var field : refusal.fields()) {
            var refused = refusal.refused().contains(field.name());
            var item = new Shown("field-" + shown.size(), field.name(), field.value(), refused,
                    guard.label(field.name(), locale), refused ? guard.message(field.name(), locale) : null);
            shown.add(item);
            if (refused) {
                errors.add(item);
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("action", refusal.action());
        model.addAttribute("resendable", refusal.resendable());
        model.addAttribute("fields", List.copyOf(shown));
        model.addAttribute("refusedFields", List.copyOf(errors));
        return "identitynumber/refused";
    }
}
