package se.delaktig.access.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.access.CurrentActor;

/**
 * For session.js on forms that are written in for a long time. Both answer only a signed-in staff
 * member; anyone else gets the 401 "session ended" of {@link se.delaktig.access.SessionEnded}.
 */
@RestController
@RequestMapping("/session")
class SessionController {

    private final CurrentActor currentActor;

    SessionController(CurrentActor currentActor) {
        this.currentActor = currentActor;
    }

    /** The keep-alive: reading the session is what extends it. No body. */
    @GetMapping("/ping")
    ResponseEntity<Void> ping() {
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }

    /**
     * Whether the person signed in is the one the page belongs to ({@code user}), and if so a CSRF
     * token of the current session, so that the page can send what is pending. Someone else gets no
     * token: the page must not save into their session.
     */
    @GetMapping("/state")
    ResponseEntity<Map<String, Object>> state(@RequestParam(name = "user", defaultValue = "") String user,
                                              CsrfToken csrf) {
        var body = new LinkedHashMap<String, Object>();
        var same = currentActor.get().username().equals(user);
        body.put("sameUser", same);
        if (same) {
            body.put("csrfHeader", csrf.getHeaderName());
            body.put("csrfParameter", csrf.getParameterName());
            body.put("csrfToken", csrf.getToken());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
