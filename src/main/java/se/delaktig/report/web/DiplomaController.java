package se.delaktig.report.web;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import se.delaktig.report.Diplomas;

/** The thank-you diploma of an interview as a PDF, for the assigned interviewer and the process lead. */
@Controller
class DiplomaController {

    private final Diplomas diplomas;

    DiplomaController(Diplomas diplomas) {
        this.diplomas = diplomas;
    }

    @GetMapping("/interviews/{id}/diploma.pdf")
    ResponseEntity<byte[]> diploma(@PathVariable long id) {
        var pdf = diplomas.pdf(id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(pdf.filename()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf.content());
    }
}
