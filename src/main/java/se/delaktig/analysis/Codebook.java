package se.delaktig.analysis;

import java.util.List;

/**
 * A round's codebook as the current person sees it.
 *
 * @param codes       every code, active or not, top codes in guide order with their sub-themes after them
 * @param history     newest first
 * @param mayEdit     the process lead and the interviewers of the unit may change it and code
 * @param copySources earlier rounds of the same unit whose codebook can be copied in
 */
public record Codebook(long roundId, String roundTitle, List<Code> codes, List<CodeEvent> history, boolean mayEdit,
                       List<RoundRef> copySources) {

    /** A round to copy from. */
    public record RoundRef(long id, String title) {
    }

    public List<Code> tops() {
        return codes.stream().filter(c -> c.top() && c.active()).toList();
    }

    public List<Code> childrenOf(long codeId) {
        return codes.stream().filter(c -> c.parentId() != null && c.parentId() == codeId && c.active()).toList();
    }

    /** Active codes, each top code followed by its sub-themes: the order of pickers. */
    public List<Code> active() {
        return tops().stream().flatMap(t -> java.util.stream.Stream.concat(java.util.stream.Stream.of(t),
                childrenOf(t.id()).stream())).toList();
    }

    public List<Code> inactive() {
        return codes.stream().filter(c -> !c.active()).toList();
    }

    public String nameOf(long codeId) {
        return codes.stream().filter(c -> c.id() == codeId).map(Code::name).findFirst().orElse("");
    }
}
