/**
 * Analysis of a round: what the children said, counted question by question over the completed
 * interviews, and written the way committee memos write it ("fem av åtta barn …"). Whole-round
 * totals are shown as they are; only breakdowns below the whole round (by age, gender, case type)
 * and comparisons across units are suppressed under the municipality's threshold, by the one rule
 * in {@link se.delaktig.analysis.SmallNumbers}. Free text is
 * never counted here beyond "how many answered" – its words stay in the interview module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analysis")
package se.delaktig.analysis;
