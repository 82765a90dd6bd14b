package se.delaktig.analysis;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Places;
import se.delaktig.organization.StaffMember;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Round;

/**
 * The de-identification check of a round: finds first names from the round's key list, names of the
 * municipality's staff, places from the municipality's place list, phone numbers, e-mail addresses
 * and identity numbers in a text. Reading the key list's first names is logged each time.
 */
@Service
@Transactional(readOnly = true)
public class Deidentification {

    private final Codebooks codebooks;
    private final ParticipantService participants;
    private final Organization organization;
    private final Places places;

    Deidentification(Codebooks codebooks, ParticipantService participants, Organization organization, Places places) {
        this.codebooks = codebooks;
        this.participants = participants;
        this.organization = organization;
        this.places = places;
    }

    /**
     * What in the text could identify someone, for anyone who may read the round's analysis. First
     * names are compared only against those the person may read: the whole key list for the process
     * lead, their own children for an interviewer, none for the unit manager.
     */
    public List<Finding> check(long roundId, String text) {
        return checker(codebooks.readable(roundId)).findings(text);
    }

    /** The check for one round and the current person, to run over many texts with one read of the key list. */
    DeidentificationCheck checker(Round round) {
        var municipalityId = organization.unit(round.unitId()).orElseThrow().municipalityId();
        var staff = organization.staffOfMunicipality(municipalityId).stream().map(StaffMember::displayName).toList();
        return new DeidentificationCheck(participants.firstNamesForDeidentification(round.id()), staff,
                places.names(municipalityId));
    }

    /** The municipality whose place list the check of this round reads. */
    long municipalityOf(Round round) {
        return organization.unit(round.unitId()).orElseThrow().municipalityId();
    }
}
