import AssayCore
@testable import AssayTemplates
import Testing

@Suite struct SuggestedGradesTests {
    let template = try! TemplateLoader.load(text: validTemplate, file: "t.yaml")

    @Test func aSectionIsTheWeightedMeanOfItsGradeQuestions() {
        // voice: seen-alone (weight 2) good=2, wishes (weight 1) inadequate=4 → (4+4)/3 = 2.67 → 3
        let s = SuggestedGrades(template: template, answers: ["seen-alone": .good, "wishes": .inadequate])
        #expect(s.sections["voice"] == .requiresImprovement)
        #expect(s.sections["timeliness"] == nil)
    }

    @Test func halvesGoToTheWorseGrade() {
        // wishes 2 and assessment 3, equal weight: 2.5 → 3, never 2.
        let s = SuggestedGrades(template: template, answers: ["wishes": .good, "assessment": .requiresImprovement])
        #expect(s.overall == .requiresImprovement)
        #expect(SuggestedGrades.weightedGrade([(.outstanding, 1), (.good, 1)]) == .good)
        #expect(SuggestedGrades.weightedGrade([(.outstanding, 1), (.good, 3)]) == .good)   // 1.75 → 2
        #expect(SuggestedGrades.weightedGrade([(.outstanding, 3), (.good, 1)]) == .outstanding)  // 1.25 → 1
    }

    @Test func aLimitingQuestionCapsTheOverall() {
        // seen-alone inadequate (weight 2, limits) with two outstanding: mean (8+1+1)/4 = 2.5 → 3,
        // but the limiting answer makes it inadequate.
        let s = SuggestedGrades(template: template, answers: ["seen-alone": .inadequate, "wishes": .outstanding, "assessment": .outstanding])
        #expect(s.overall == .inadequate)
        #expect(s.limitedBy == ["seen-alone"])
    }

    @Test func aLimitingQuestionBetterThanTheMeanChangesNothing() {
        let s = SuggestedGrades(template: template, answers: ["seen-alone": .good, "wishes": .inadequate, "assessment": .inadequate])
        #expect(s.overall == .requiresImprovement)  // (4+4+4)/4 = 3
        #expect(s.limitedBy.isEmpty)
    }

    @Test func nothingAnsweredSuggestsNothing() {
        let s = SuggestedGrades(template: template, answers: [:])
        #expect(s.overall == nil)
        #expect(s.sections.isEmpty)
    }
}
