package se.delaktig.report.web;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.report.CommitteeMemos;
import se.delaktig.report.MemoContent;
import se.delaktig.report.MemoDrafts;
import se.delaktig.report.MemoSection;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

/**
 * The memo to the committee: the editable draft with its versions, the comparison of two versions,
 * and the Word and PDF exports of a version. For the process leads and unit managers of the round's
 * unit; anyone else gets a 404.
 */
@Controller
class MemoController {

    static final MediaType DOCX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    /** What the page posts; {@code baseVersion} is the version the text was opened from (0: none). */
    record MemoForm(String proposal, String summary, String matter, String economy, String children, String attachments,
                    String signer1Name, String signer1Title, String signer2Name, String signer2Title, String comment,
                    Integer baseVersion) {

        static MemoForm of(MemoContent content, int baseVersion) {
            var first = content.signer(0);
            var second = content.signer(1);
            return new MemoForm(content.text(MemoSection.PROPOSAL), content.text(MemoSection.SUMMARY),
                    content.text(MemoSection.CASE), content.text(MemoSection.ECONOMY), content.text(MemoSection.CHILDREN),
                    content.text(MemoSection.ATTACHMENTS), first.name(), first.title(), second.name(), second.title(),
                    "", baseVersion);
        }

        MemoForm basedOn(int version) {
            return new MemoForm(proposal, summary, matter, economy, children, attachments, signer1Name, signer1Title,
                    signer2Name, signer2Title, comment, version);
        }

        String text(MemoSection section) {
            var text = switch (section) {
                case PROPOSAL -> proposal;
                case SUMMARY -> summary;
                case CASE -> matter;
                case ECONOMY -> economy;
                case CHILDREN -> children;
                case ATTACHMENTS -> attachments;
            };
            return text == null ? "" : text;
        }

        MemoContent content() {
            var sections = new EnumMap<MemoSection, String>(MemoSection.class);
            for (var section : MemoSection.values()) {
                sections.put(section, text(section));
            }
            var signers = new ArrayList<MemoContent.Signer>();
            signers.add(new MemoContent.Signer(nonNull(signer1Name), nonNull(signer1Title)));
            signers.add(new MemoContent.Signer(nonNull(signer2Name), nonNull(signer2Title)));
            return new MemoContent(sections, signers);
        }

        private static String nonNull(String s) {
            return s == null ? "" : s;
        }
    }

    private final MemoDrafts drafts;
    private final CommitteeMemos memos;
    private final MessageSource messages;

    MemoController(MemoDrafts drafts, CommitteeMemos memos, MessageSource messages) {
        this.drafts = drafts;
        this.memos = memos;
        this.messages = messages;
    }

    @GetMapping("/rounds/{id}/memo")
    String draft(@PathVariable long id, Model model) {
        var draft = drafts.draft(id);
        return page(draft, MemoForm.of(draft.content(), draft.baseVersion()), FormErrors.none(), model);
    }

    @PostMapping("/rounds/{id}/memo")
    String save(@PathVariable long id, @ModelAttribute("form") MemoForm form, Model model, Locale locale,
                RedirectAttributes redirect) {
        var base = form.baseVersion() == null ? 0 : form.baseVersion();
        try {
            var saved = drafts.save(id, base, form.content(), form.comment());
            redirect.addFlashAttribute("flash", messages.getMessage("memo.saved", new Object[] {saved.number()}, locale));
            return "redirect:/rounds/" + id + "/memo";
        } catch (MemoDrafts.StaleVersionException e) {
            // Nothing typed is lost: the text stays in the form, now based on the newer version, so a
            // second, deliberate save goes through.
            return page(drafts.draft(id), form.basedOn(e.latest().number()), FormErrors.of(e, messages, locale), model);
        } catch (InvalidInputException e) {
            return page(drafts.draft(id), form.basedOn(base), FormErrors.of(e, messages, locale), model);
        }
    }

    @GetMapping("/rounds/{id}/memo/compare")
    String compare(@PathVariable long id, @RequestParam int from, @RequestParam int to, Model model) {
        var comparison = drafts.compare(id, from, to);
        model.addAttribute("comparison", comparison);
        model.addAttribute("versions", drafts.versions(id));
        return "report/memo-compare";
    }

    @GetMapping("/rounds/{id}/memo.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id, @RequestParam(required = false) Integer version) {
        var pdf = memos.pdf(id, version);
        return file(MediaType.APPLICATION_PDF, pdf);
    }

    @GetMapping("/rounds/{id}/memo.docx")
    ResponseEntity<byte[]> docx(@PathVariable long id, @RequestParam(required = false) Integer version) {
        return file(DOCX, memos.docx(id, version));
    }

    private static ResponseEntity<byte[]> file(MediaType type, CommitteeMemos.Pdf file) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.filename()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.content());
    }

    private String page(MemoDrafts.Draft draft, MemoForm form, FormErrors errors, Model model) {
        model.addAttribute("draft", draft);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("sections", MemoSection.values());
        model.addAttribute("maxText", MemoSection.MAX_TEXT);
        return "report/memo-draft";
    }
}
