package se.delaktig.guide.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.guide.AgeBand;
import se.delaktig.guide.Area;
import se.delaktig.guide.Guide;
import se.delaktig.guide.GuideEditor;
import se.delaktig.guide.GuideEditor.Edited;
import se.delaktig.guide.GuideEditor.QuestionDraft;
import se.delaktig.guide.GuideEditor.WordingInput;
import se.delaktig.guide.Guides;
import se.delaktig.guide.Question;
import se.delaktig.guide.QuestionType;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * The guide editor: areas, questions and child-facing wording. Every page and every change is for
 * administrators and process leads only ({@link GuideEditor} answers anyone else with a 404). A change
 * to a locked version lands in a new version; the person is taken there and told so.
 */
@Controller
class GuideEditorController {

    record AreaForm(String title, String intro) {
    }

    record QuestionForm(String text, String type, String options, String interviewerPrompt, String key, Long areaId) {
        static QuestionForm of(Question q, long areaId) {
            return new QuestionForm(q.text(), q.type().name(), String.join("\n", q.options()), q.interviewerPrompt(), q.key(), areaId);
        }

        QuestionDraft draft() {
            return new QuestionDraft(text, type, options, interviewerPrompt, key);
        }
    }

    /** One cell of the wording grid: a language and an age band (null: every age). */
    record WordingCell(String field, String language, AgeBand band, String text) {
    }

    private final GuideEditor editor;
    private final Guides guides;
    private final MessageSource messages;

    GuideEditorController(GuideEditor editor, Guides guides, MessageSource messages) {
        this.editor = editor;
        this.guides = guides;
        this.messages = messages;
    }

    // The editor page --------------------------------------------------------------------------------

    @GetMapping("/guides/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        return editorPage(model, editor.forEditing(id), FormErrors.none(), null, null, null);
    }

    @PostMapping("/guides/{id}/lock")
    String lock(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
        editor.lockVersion(id);
        redirect.addFlashAttribute("flash", messages.getMessage("guide.edit.locked", null, locale));
        return "redirect:/guides/" + id + "/edit";
    }

    @PostMapping("/guides/{id}/areas")
    String addArea(@PathVariable long id, AreaForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            var edited = editor.addArea(id, form.title(), form.intro());
            return done(id, edited, "area-" + edited.areaId(), locale, redirect);
        } catch (InvalidInputException e) {
            return editorPage(model, editor.forEditing(id), prefixed("new-area-", e, locale), form, null, null);
        }
    }

    @PostMapping("/guides/{id}/areas/{areaId}")
    String updateArea(@PathVariable long id, @PathVariable long areaId, AreaForm form, Model model, Locale locale,
                      RedirectAttributes redirect) {
        try {
            var edited = editor.updateArea(id, areaId, form.title(), form.intro());
            return done(id, edited, "area-" + edited.areaId(), locale, redirect);
        } catch (InvalidInputException e) {
            return editorPage(model, editor.forEditing(id), prefixed("area-" + areaId + "-", e, locale), null, areaId, form);
        }
    }

    @PostMapping("/guides/{id}/areas/{areaId}/move")
    String moveArea(@PathVariable long id, @PathVariable long areaId, @RequestParam String direction, Locale locale,
                    RedirectAttributes redirect) {
        var edited = editor.moveArea(id, areaId, "up".equals(direction));
        return done(id, edited, "area-" + edited.areaId(), locale, redirect);
    }

    // Questions --------------------------------------------------------------------------------------

    @GetMapping("/guides/{id}/areas/{areaId}/questions/new")
    String newQuestion(@PathVariable long id, @PathVariable long areaId, Model model) {
        var guide = editor.forEditing(id);
        guide.area(areaId).orElseThrow(NotFoundException::new);
        return questionPage(model, guide, null, new QuestionForm("", QuestionType.YES_NO_DONT_KNOW.name(), "", "", "", areaId),
                true, FormErrors.none());
    }

    @PostMapping("/guides/{id}/areas/{areaId}/questions")
    String addQuestion(@PathVariable long id, @PathVariable long areaId, QuestionForm form, Model model, Locale locale,
                       RedirectAttributes redirect) {
        try {
            var edited = editor.addQuestion(id, areaId, form.draft());
            return done(id, edited, "question-" + edited.questionId(), locale, redirect);
        } catch (InvalidInputException e) {
            var guide = editor.forEditing(id);
            return questionPage(model, guide, null, withArea(form, areaId), true, FormErrors.of(e, messages, locale));
        }
    }

    @GetMapping("/guides/{id}/questions/{questionId}/edit")
    String editQuestion(@PathVariable long id, @PathVariable long questionId, Model model) {
        var guide = editor.forEditing(id);
        var question = guide.question(questionId).orElseThrow(NotFoundException::new);
        var area = guide.areaOf(questionId).orElseThrow();
        return questionPage(model, guide, question, QuestionForm.of(question, area.id()), editor.keyEditable(id, questionId),
                FormErrors.none());
    }

    @PostMapping("/guides/{id}/questions/{questionId}")
    String updateQuestion(@PathVariable long id, @PathVariable long questionId, QuestionForm form, Model model, Locale locale,
                          RedirectAttributes redirect) {
        try {
            var edited = editor.updateQuestion(id, questionId, form.draft(), form.areaId());
            return done(id, edited, "question-" + edited.questionId(), locale, redirect);
        } catch (InvalidInputException e) {
            var guide = editor.forEditing(id);
            var question = guide.question(questionId).orElseThrow(NotFoundException::new);
            return questionPage(model, guide, question, form, editor.keyEditable(id, questionId), FormErrors.of(e, messages, locale));
        }
    }

    @PostMapping("/guides/{id}/questions/{questionId}/move")
    String moveQuestion(@PathVariable long id, @PathVariable long questionId, @RequestParam String direction, Locale locale,
                        RedirectAttributes redirect) {
        var edited = editor.moveQuestion(id, questionId, "up".equals(direction));
        return done(id, edited, "question-" + edited.questionId(), locale, redirect);
    }

    @PostMapping("/guides/{id}/questions/{questionId}/delete")
    String deleteQuestion(@PathVariable long id, @PathVariable long questionId, Model model, Locale locale,
                          RedirectAttributes redirect) {
        try {
            var edited = editor.deleteQuestion(id, questionId);
            return done(id, edited, "area-" + edited.areaId(), locale, redirect);
        } catch (InvalidInputException e) {
            return editorPage(model, editor.forEditing(id), prefixed("question-" + questionId + "-", e, locale), null, null, null);
        }
    }

    // Wording ----------------------------------------------------------------------------------------

    @GetMapping("/guides/{id}/questions/{questionId}/wording")
    String wording(@PathVariable long id, @PathVariable long questionId, Model model) {
        var guide = editor.forEditing(id);
        var question = guide.question(questionId).orElseThrow(NotFoundException::new);
        var cells = new ArrayList<WordingCell>();
        for (var language : guides.languages()) {
            for (var band : bands()) {
                cells.add(new WordingCell(GuideEditor.fieldName(language.code(), band), language.code(), band,
                        question.find(language.code(), band).map(w -> w.text()).orElse("")));
            }
        }
        return wordingPage(model, guide, question, cells, FormErrors.none());
    }

    @PostMapping("/guides/{id}/questions/{questionId}/wording")
    String saveWording(@PathVariable long id, @PathVariable long questionId, @RequestParam MultiValueMap<String, String> params,
                       Model model, Locale locale, RedirectAttributes redirect) {
        var guide = editor.forEditing(id);
        var question = guide.question(questionId).orElseThrow(NotFoundException::new);
        var inputs = new ArrayList<WordingInput>();
        var cells = new ArrayList<WordingCell>();
        for (var language : guides.languages()) {
            for (var band : bands()) {
                var field = GuideEditor.fieldName(language.code(), band);
                // A field missing from the post (a language added while the form was open) is left alone.
                if (params.containsKey(field)) {
                    var text = params.getFirst(field);
                    inputs.add(new WordingInput(language.code(), band, text));
                    cells.add(new WordingCell(field, language.code(), band, text == null ? "" : text));
                } else {
                    cells.add(new WordingCell(field, language.code(), band,
                            question.find(language.code(), band).map(w -> w.text()).orElse("")));
                }
            }
        }
        try {
            var edited = editor.saveWordings(id, questionId, inputs);
            flash(id, edited, locale, redirect);
            return "redirect:/guides/" + edited.guideId() + "/questions/" + edited.questionId() + "/wording";
        } catch (InvalidInputException e) {
            return wordingPage(model, guide, question, cells, FormErrors.of(e, messages, locale));
        }
    }

    // Helpers ----------------------------------------------------------------------------------------

    private static java.util.List<AgeBand> bands() {
        var bands = new ArrayList<AgeBand>();
        bands.add(null);
        bands.addAll(Arrays.asList(AgeBand.values()));
        return bands;
    }

    private String done(long id, Edited edited, String anchor, Locale locale, RedirectAttributes redirect) {
        flash(id, edited, locale, redirect);
        return "redirect:/guides/" + edited.guideId() + "/edit#" + anchor;
    }

    private void flash(long id, Edited edited, Locale locale, RedirectAttributes redirect) {
        String message;
        if (edited.newVersion()) {
            // Name the version that was edited: a later draft may exist, so it need not be version - 1.
            var original = guides.find(id).map(Guide::version).orElse(edited.version() - 1);
            message = messages.getMessage("guide.edit.newVersion", new Object[]{original, edited.version()}, locale);
        } else {
            message = messages.getMessage("guide.edit.saved", null, locale);
        }
        redirect.addFlashAttribute("flash", message);
    }

    private FormErrors prefixed(String prefix, InvalidInputException e, Locale locale) {
        return FormErrors.of(new InvalidInputException(prefix + e.field(), e.messageKey(), e.args()), messages, locale);
    }

    private String editorPage(Model model, Guide guide, FormErrors errors, AreaForm newArea, Long failedAreaId, AreaForm failedArea) {
        model.addAttribute("guide", guide);
        model.addAttribute("errors", errors);
        model.addAttribute("newArea", newArea == null ? new AreaForm("", "") : newArea);
        Map<Long, AreaForm> areaForms = new LinkedHashMap<>();
        for (Area area : guide.areas()) {
            areaForms.put(area.id(), failedAreaId != null && failedAreaId == area.id() ? failedArea
                    : new AreaForm(area.title(), area.intro()));
        }
        model.addAttribute("areaForms", areaForms);
        var versions = guides.versions(guide.name());
        model.addAttribute("versions", versions);
        model.addAttribute("newer", versions.stream().filter(v -> v.version() > guide.version()).findFirst().orElse(null));
        model.addAttribute("previous", versions.stream().filter(v -> v.version() < guide.version()).findFirst().orElse(null));
        return "guide/edit";
    }

    private String questionPage(Model model, Guide guide, Question question, QuestionForm form, boolean keyEditable, FormErrors errors) {
        model.addAttribute("guide", guide);
        model.addAttribute("question", question);
        model.addAttribute("form", form);
        model.addAttribute("keyEditable", keyEditable);
        model.addAttribute("types", QuestionType.values());
        model.addAttribute("errors", errors);
        model.addAttribute("area", guide.area(form.areaId() == null ? -1 : form.areaId()).orElse(null));
        return "guide/question";
    }

    private static QuestionForm withArea(QuestionForm form, long areaId) {
        return new QuestionForm(form.text(), form.type(), form.options(), form.interviewerPrompt(), form.key(), areaId);
    }

    private String wordingPage(Model model, Guide guide, Question question, java.util.List<WordingCell> cells, FormErrors errors) {
        model.addAttribute("guide", guide);
        model.addAttribute("question", question);
        model.addAttribute("languages", guides.languages());
        model.addAttribute("bands", bands());
        model.addAttribute("ageBands", AgeBand.values());
        model.addAttribute("cells", cells);
        model.addAttribute("errors", errors);
        return "guide/wording";
    }
}
