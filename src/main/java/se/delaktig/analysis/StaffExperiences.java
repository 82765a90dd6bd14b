package se.delaktig.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Guides;
import se.delaktig.interview.CodableText;
import se.delaktig.interview.Interviews;
import se.delaktig.round.ParticipantService;

/**
 * Staff experiences compiled per area: the interviewers' reflections, coded with the round's
 * codebook, gathered under the guide area of their code (the area's top code or one of its
 * sub-themes), grouped by code, with how many interviews and interviewers each code covers. The
 * reflections nobody has coded yet are listed apart, so the team sees what is left to do.
 *
 * <p>Readable by whoever may read the codebook (process lead, unit manager, the unit's
 * interviewers); anyone else, and every other unit, gets a 404.
 */
@Service
@Transactional
public class StaffExperiences {

    /** One code's reflections: the coded spans and how many interviews and interviewers they come from. */
    public record CodeReflections(long codeId, String codeName, boolean top, List<Segment> segments, int interviews,
                                  int interviewers) {
    }

    /** One guide area with the codes that have coded reflections; {@code areaCode} is null for themes outside the areas. */
    public record AreaReflections(String areaCode, String title, List<CodeReflections> codes) {

        public boolean isEmpty() {
            return codes.isEmpty();
        }
    }

    /** A reflection text of which no part is coded yet. */
    public record Uncoded(long interviewId, String pseudonym, String part, String text) {
    }

    /** The compiled page. */
    public record Compilation(long roundId, String roundTitle, List<AreaReflections> areas, List<Uncoded> uncoded,
                              int reflections, boolean mayCode) {
    }

    private final Codebooks codebooks;
    private final Codings codings;
    private final Interviews interviews;
    private final Guides guides;
    private final ParticipantService participants;
    private final CurrentActor currentActor;
    private final AuditLog audit;

    StaffExperiences(Codebooks codebooks, Codings codings, Interviews interviews, Guides guides,
                     ParticipantService participants, CurrentActor currentActor, AuditLog audit) {
        this.codebooks = codebooks;
        this.codings = codings;
        this.interviews = interviews;
        this.guides = guides;
        this.participants = participants;
        this.currentActor = currentActor;
        this.audit = audit;
    }

    /** The staff experiences of the round, per area and code, and the reflections not yet coded. */
    public Compilation compile(long roundId) {
        var round = codebooks.readable(roundId);
        var areas = byArea(round.id(), true);
        var coded = new HashSet<String>();
        codings.segments(round.id(), null).stream().filter(s -> s.kind() == CodableText.Kind.REFLECTION)
                .forEach(s -> coded.add(s.sourceKey()));
        var texts = interviews.textsForCoding(round.id()).stream()
                .filter(t -> t.kind() == CodableText.Kind.REFLECTION).toList();
        var uncoded = texts.stream().filter(t -> !coded.contains(t.key()))
                .map(t -> new Uncoded(t.interviewId(), t.pseudonym(), t.part(), t.text())).toList();
        audit.success("READ", "staff_experiences", "round:" + round.id(), round.unitId());
        return new Compilation(round.id(), round.title(), areas, uncoded, texts.size(),
                Codebooks.mayEdit(round, currentActor.get()));
    }

    /**
     * The coded reflections per guide area, in guide order. Used by the analysis matrix too.
     *
     * @param withOther whether to add a last group for themes outside the guide's areas
     */
    List<AreaReflections> byArea(long roundId, boolean withOther) {
        var round = codebooks.readable(roundId);
        var guide = guides.find(round.guideId()).orElseThrow();
        var codes = codebooks.codes(round.id());
        var interviewerOf = new HashMap<Long, Long>();
        participants.of(round.id()).stream().filter(p -> p.interviewerId() != null)
                .forEach(p -> interviewerOf.put(p.id(), p.interviewerId()));
        var byCode = new LinkedHashMap<Long, List<Segment>>();
        codings.segments(round.id(), null).stream().filter(s -> s.kind() == CodableText.Kind.REFLECTION)
                .forEach(s -> byCode.computeIfAbsent(s.codeId(), k -> new ArrayList<>()).add(s));
        var areaOfTop = new HashMap<Long, String>();
        codes.stream().filter(Code::top).forEach(c -> areaOfTop.put(c.id(), c.areaCode()));
        var perArea = new LinkedHashMap<String, List<CodeReflections>>();
        var other = new ArrayList<CodeReflections>();
        for (var code : codes) {
            var segments = byCode.get(code.id());
            if (segments == null) {
                continue;
            }
            var areaCode = code.top() ? code.areaCode() : areaOfTop.get(code.parentId());
            var interviewIds = segments.stream().map(Segment::interviewId).distinct().count();
            var interviewerIds = segments.stream().map(s -> interviewerOf.get(s.participantId()))
                    .filter(java.util.Objects::nonNull).distinct().count();
            var item = new CodeReflections(code.id(), code.name(), code.top(), List.copyOf(segments), (int) interviewIds,
                    (int) interviewerIds);
            if (areaCode == null) {
                other.add(item);
            } else {
                perArea.computeIfAbsent(areaCode, k -> new ArrayList<>()).add(item);
            }
        }
        var result = new ArrayList<AreaReflections>();
        for (var area : guide.areas()) {
            result.add(new AreaReflections(area.code(), area.title(), List.copyOf(perArea.getOrDefault(area.code(), List.of()))));
        }
        if (withOther && !other.isEmpty()) {
            result.add(new AreaReflections(null, null, List.copyOf(other)));
        }
        return List.copyOf(result);
    }
}
