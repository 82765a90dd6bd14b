package se.delaktig.access.web;

import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

    @GetMapping("/login")
    String login(HttpSession session, Model model) {
        // Keep what was typed: the username comes back after a failed attempt, the password never does.
        var last = session.getAttribute("LAST_USERNAME");
        model.addAttribute("lastUsername", last == null ? "" : last);
        session.removeAttribute("LAST_USERNAME");
        return "access/login";
    }
}
