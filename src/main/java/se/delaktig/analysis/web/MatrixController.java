package se.delaktig.analysis.web;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.analysis.AnalysisMatrix;
import se.delaktig.analysis.NumberWords;
import se.delaktig.analysis.StaffExperiences;
import se.delaktig.organization.StaffNames;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * The analysis matrix page, where the analysts write the team's text of each cell and choose the
 * themes and quotes it shows, and the page of staff experiences compiled per area. Saving a cell
 * with htmx swaps only that cell; without script the form posts and the page comes back.
 */
@Controller
class MatrixController {

    /**
     * One cell's editor as the page shows it.
     *
     * @param text         what the text area holds: the stored text, or what the person typed when
     *                     the save was refused
     * @param version      the version a save is based on
     * @param error        the message of a refused save, or null
     * @param theirs       on a conflict, the text someone else saved first, otherwise null
     * @param saved        whether this cell was just saved
     */
    public record CellView(long roundId, String areaCode, String areaTitle, AnalysisMatrix.Column column, String text,
                    int version, String updatedBy, Instant updatedAt, String error, AnalysisMatrix.Cell theirs,
                    boolean saved) {

        String id() {
            return "cell-" + areaCode + "-" + column.name().toLowerCase(Locale.ROOT);
        }

        public String getId() {
            return id();
        }

        static CellView of(long roundId, String areaTitle, AnalysisMatrix.Cell cell) {
            return new CellView(roundId, cell.areaCode(), areaTitle, cell.column(), cell.text(), cell.version(),
                    cell.updatedBy(), cell.updatedAt(), null, null, false);
        }
    }

    /** Counts as words for the templates: "två intervjuer". */
    public record Words(Locale locale) {
        public String of(int n) {
            return NumberWords.of(n, locale);
        }

        public String capitalized(int n) {
            return NumberWords.capitalized(n, locale);
        }
    }

    private final AnalysisMatrix matrices;
    private final StaffExperiences staff;
    private final MessageSource messages;
    private final StaffNames names;

    MatrixController(AnalysisMatrix matrices, StaffExperiences staff, MessageSource messages, StaffNames names) {
        this.names = names;
        this.matrices = matrices;
        this.staff = staff;
        this.messages = messages;
    }

    @GetMapping("/rounds/{id}/matrix")
    String matrix(@PathVariable long id, Model model, Locale locale) {
        model.addAttribute("words", new Words(locale));
        return page(id, model, Map.of());
    }

    @GetMapping("/rounds/{id}/reflections")
    String reflections(@PathVariable long id, Model model, Locale locale) {
        model.addAttribute("words", new Words(locale));
        model.addAttribute("page", staff.compile(id));
        return "analysis/reflections";
    }

    @PostMapping("/rounds/{id}/matrix/cells/{areaCode}/{column}")
    String save(@PathVariable long id, @PathVariable String areaCode, @PathVariable String column,
                @RequestParam(defaultValue = "0") int version, @RequestParam(required = false) String text,
                @RequestHeader(name = "HX-Request", required = false) String htmx,
                Model model, RedirectAttributes redirect, Locale locale) {
        var col = column(column);
        var matrix = matrices.matrix(id);
        var row = matrix.rows().stream().filter(r -> r.areaCode().equals(areaCode)).findFirst()
                .orElseThrow(NotFoundException::new);
        CellView view;
        String status;
        try {
            var result = matrices.save(id, areaCode, col, version, text);
            if (result.conflict()) {
                var theirs = result.cell();
                view = new CellView(id, areaCode, row.title(), col, text, theirs.version(), theirs.updatedBy(),
                        theirs.updatedAt(), messages.getMessage("matrix.cell.conflict",
                        new Object[]{theirs.updatedBy() == null ? "" : names.of(theirs.updatedBy())}, locale), theirs, false);
                status = messages.getMessage("matrix.cell.conflictStatus", new Object[]{row.title()}, locale);
            } else {
                var saved = result.cell();
                view = new CellView(id, areaCode, row.title(), col, saved.text(), saved.version(), saved.updatedBy(),
                        saved.updatedAt(), null, null, true);
                status = messages.getMessage("matrix.cell.saved", new Object[]{
                        messages.getMessage("matrix.column." + col.name(), null, locale), row.title()}, locale);
            }
        } catch (InvalidInputException e) {
            var current = row.cell(col);
            view = new CellView(id, areaCode, row.title(), col, text, version, current.updatedBy(), current.updatedAt(),
                    messages.getMessage(e.messageKey(), e.args(), locale), null, false);
            status = messages.getMessage("matrix.cell.notSaved", new Object[]{row.title()}, locale);
        }
        if (htmx != null) {
            model.addAttribute("view", view);
            model.addAttribute("status", status);
            model.addAttribute("mayEdit", true);
            return "analysis/matrix :: cellResponse";
        }
        if (view.saved()) {
            redirect.addFlashAttribute("flash", status);
            return "redirect:/rounds/" + id + "/matrix#" + view.id();
        }
        model.addAttribute("status", status);
        model.addAttribute("words", new Words(locale));
        return page(id, model, Map.of(view.id(), view));
    }

    @PostMapping("/rounds/{id}/matrix/areas/{areaCode}/choice")
    String choose(@PathVariable long id, @PathVariable String areaCode,
                  @RequestParam(name = "themes", required = false) List<Long> themes,
                  @RequestParam(name = "quotes", required = false) List<Long> quotes,
                  RedirectAttributes redirect, Locale locale) {
        matrices.choose(id, areaCode, themes, quotes);
        var title = matrices.matrix(id).rows().stream().filter(r -> r.areaCode().equals(areaCode))
                .map(AnalysisMatrix.Row::title).findFirst().orElse(areaCode);
        redirect.addFlashAttribute("flash", messages.getMessage("matrix.choice.saved", new Object[]{title}, locale));
        return "redirect:/rounds/" + id + "/matrix#choice-" + areaCode;
    }

    private String page(long id, Model model, Map<String, CellView> overrides) {
        var matrix = matrices.matrix(id);
        var cells = new HashMap<String, CellView>();
        for (var row : matrix.rows()) {
            for (var column : AnalysisMatrix.Column.values()) {
                var view = CellView.of(id, row.title(), row.cell(column));
                cells.put(view.id(), overrides.getOrDefault(view.id(), view));
            }
        }
        model.addAttribute("matrix", matrix);
        model.addAttribute("cells", cells);
        model.addAttribute("mayEdit", matrix.mayEdit());
        model.addAttribute("columns", AnalysisMatrix.Column.values());
        return "analysis/matrix";
    }

    private static AnalysisMatrix.Column column(String name) {
        try {
            return AnalysisMatrix.Column.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }
}
