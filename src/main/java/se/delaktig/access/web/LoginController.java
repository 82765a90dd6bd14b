package se.delaktig.access.web;

import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    @GetMapping("/login")
    String login(HttpSession session, Model model,
                 @RequestParam(required = false) String error, @RequestParam(required = false) String locked) {
        // Keep what was typed: the username comes back after a failed attempt, the password never does.
        var last = session.getAttribute("LAST_USERNAME");
        model.addAttribute("lastUsername", last == null ? "" : last);
        session.removeAttribute("LAST_USERNAME");
        // Thymeleaf may not read request parameters inside th:attr, so the page gets a flag instead.
        model.addAttribute("loginProblem", error != null || locked != null);
        return "access/login";
    }
}
