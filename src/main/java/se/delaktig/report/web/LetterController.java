package se.delaktig.report.web;

import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import se.delaktig.report.Letters;
import se.delaktig.round.LetterRecipient;
import se.delaktig.web.NotFoundException;

/** Information letters as PDF, for the round's process lead (the same file on the page and in the API). */
@Controller
class LetterController {

    private final Letters letters;

    LetterController(Letters letters) {
        this.letters = letters;
    }

    @GetMapping({"/participants/{id}/letters/{recipient}.pdf", "/api/v1/participants/{id}/letters/{recipient}.pdf"})
    ResponseEntity<byte[]> letter(@PathVariable long id, @PathVariable String recipient) {
        var pdf = letters.pdf(id, recipient(recipient));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(pdf.filename()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf.content());
    }

    private static LetterRecipient recipient(String path) {
        return switch (path.toLowerCase(Locale.ROOT)) {
            case "child" -> LetterRecipient.CHILD;
            case "guardians" -> LetterRecipient.GUARDIANS;
            default -> throw new NotFoundException();
        };
    }
}
