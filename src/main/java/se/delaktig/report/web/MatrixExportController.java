package se.delaktig.report.web;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import se.delaktig.report.MatrixDocuments;

/** The analysis matrix of a round as a Word document and as a PDF. */
@Controller
class MatrixExportController {

    private final MatrixDocuments documents;

    MatrixExportController(MatrixDocuments documents) {
        this.documents = documents;
    }

    @GetMapping("/rounds/{id}/matrix.docx")
    ResponseEntity<byte[]> docx(@PathVariable long id) {
        return send(documents.docx(id));
    }

    @GetMapping("/rounds/{id}/matrix.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        return send(documents.pdf(id));
    }

    private static ResponseEntity<byte[]> send(MatrixDocuments.Document document) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(document.filename()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(document.content());
    }
}
