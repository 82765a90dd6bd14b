package se.delaktig.access.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The page a plain form post lands on when its session has ended (forwarded by the security
 * filters): it says so and shows every text that was sent, ready to copy, so that nothing typed is
 * lost even without JavaScript. Reached directly it shows nothing and sends the person home.
 */
@Controller
class SessionEndedController {

    /** Form fields that are never the person's text. */
    private static final Set<String> NOT_TEXT = Set.of("_csrf", "version", "action", "username", "password",
            // the address of the page the form was on, which the page's script sends with every form
            "_page");

    @RequestMapping("/session/ended")
    String ended(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (request.getDispatcherType() != DispatcherType.FORWARD) {
            return "redirect:/";
        }
        var texts = new ArrayList<String>();
        request.getParameterMap().forEach((name, values) -> {
            if (!NOT_TEXT.contains(name)) {
                for (var value : values) {
                    if (isText(value)) {
                        texts.add(value);
                    }
                }
            }
        });
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("texts", List.copyOf(texts));
        return "session/ended";
    }

    /** Words someone typed, not a choice's value (a number, YES, DONT_KNOW). */
    private static boolean isText(String value) {
        var trimmed = value.strip();
        return trimmed.chars().anyMatch(Character::isLetter) && !trimmed.matches("[A-Z_]+");
    }
}
