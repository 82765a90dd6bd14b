package se.delaktig.report.web;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import se.delaktig.report.CommitteeMemos;

/** The committee memo of a round as a PDF draft, for its process leads and unit managers. */
@Controller
class MemoController {

    private final CommitteeMemos memos;

    MemoController(CommitteeMemos memos) {
        this.memos = memos;
    }

    @GetMapping("/rounds/{id}/memo.pdf")
    ResponseEntity<byte[]> memo(@PathVariable long id) {
        var pdf = memos.pdf(id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(pdf.filename()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf.content());
    }
}
