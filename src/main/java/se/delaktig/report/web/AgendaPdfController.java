package se.delaktig.report.web;

import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import se.delaktig.report.SeminarAgendas;

/** The seminar agenda of a round as a PDF, for everyone who may see the round's seminar. */
@Controller
class AgendaPdfController {

    private final SeminarAgendas agendas;

    AgendaPdfController(SeminarAgendas agendas) {
        this.agendas = agendas;
    }

    @GetMapping("/rounds/{id}/seminar/agenda.pdf")
    ResponseEntity<byte[]> agenda(@PathVariable long id, Locale locale) {
        var pdf = agendas.pdf(id, locale);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(pdf.filename()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf.content());
    }
}
