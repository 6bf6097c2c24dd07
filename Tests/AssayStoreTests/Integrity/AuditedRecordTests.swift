import AssayCore
@testable import AssayStore
import Foundation
import GRDB
import Testing

/// Typed rows (issue 21): every audited table has a record, each record is its table's row
/// column for column, and writing through records stores exactly the bytes the untyped
/// `[(column, value)]` calls they replaced stored — the audit log hashes those bytes, so a
/// database written before the change must still verify, and one written after must not
/// differ from it.
@Suite struct AuditedRecordTests {
    /// Every record type. A new table adds its record here; `everyAuditedTableHasOneRecord`
    /// fails until it does.
    static let records: [any AuditedRecord.Type] = [
        PersonRecord.self, SettingRecord.self, TemplateRecord.self,
        FrameRecord.self, FrameCaseRecord.self,
        DrawRecord.self, DrawStratumRecord.self, DrawExclusionRecord.self, DrawCaseRecord.self, DrawReauditRecord.self,
        AssignmentRecord.self, SetAsideRecord.self,
        AuditRecord.self, AuditAnswerRecord.self, AuditSectionGradeRecord.self, AuditAmendmentRecord.self,
        AuditActionRecord.self, EscalationRecord.self, ChallengeRecord.self,
        ModerationSampleRecord.self, ModerationSampleAuditRecord.self, ModerationRecord.self, ModerationAnswerRecord.self,
        ModerationSectionGradeRecord.self,
        AuditImportRecord.self, ImportedAuditRecord.self, ImportedDomainGradeRecord.self,
        ReportSecretRecord.self, RevealLogRecord.self, RedactionRecord.self,
    ]

    private static func shape<R: AuditedRecord>(_ record: R.Type) -> (table: AuditedTable, columns: [String]) {
        (R.table, R.columns)
    }

    @Test func everyAuditedTableHasOneRecord() {
        let tables = Self.records.map { Self.shape($0).table.name }
        #expect(tables.count == Set(tables).count, "two records for one table")
        #expect(Set(tables) == Set(AuditedTable.all.map(\.name)))
    }

    /// A record lists every column of its table but `id`, in the table's declaration order,
    /// as the migrations leave it: so no column is left to a default the record cannot see,
    /// and reading a record beside `.schema` is reading the table.
    @Test func eachRecordIsItsTablesRowColumnForColumn() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        try store.read { db in
            for record in Self.records {
                let (table, columns) = Self.shape(record)
                var declared = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_xinfo(?)", arguments: [table.name])
                if table != .reportSecret { declared.removeAll { $0 == "id" } }   // its one row is id 1, so it is bound
                #expect(columns == declared, "\(table.name)")
            }
        }
    }

    /// Writes one row of every audited table, and the updates and redactions the store
    /// makes, through records (`typed`) or as the store spelled them before records (the
    /// `[(column, value)]` calls copied from the old call sites, conversions and all).
    private func writeEveryTable(typed: Bool, _ tx: AuditedWriter) throws {
        let now = tx.timestamp, me = tx.user.name
        let month = Month(year: 2026, month: 11)!, earlier = Month(year: 2026, month: 5)!
        let due = CalendarDate(year: 2026, month: 12, day: 7)!
        let person = typed
            ? try tx.insert(PersonRecord(name: "Ann Auditor", role: .auditor, team: "CP North", addedAt: now, addedBy: me, login: "ann"))
            : try tx.insert(into: .people, [("name", "Ann Auditor"), ("role", Role.auditor.rawValue), ("team", "CP North"),
                                            ("added_at", now), ("added_by", me), ("login", "ann")])
        if typed {
            try tx.update(PersonRecord.self, id: person, set: [(.login, nil)])
            try tx.insert(SettingRecord(name: "due-days", value: String(10), changedAt: now, changedBy: me))
            try tx.insert(TemplateRecord(templateID: "core", version: 2, title: "Core", content: "{}", contentSHA256: "c1",
                                         registeredAt: now, registeredBy: me))
        } else {
            try tx.update(.people, id: person, set: [("login", nil)])
            try tx.insert(into: .setting, [("name", "due-days"), ("value", String(10)), ("changed_at", now), ("changed_by", me)])
            try tx.insert(into: .template, [("template_id", "core"), ("version", 2), ("title", "Core"), ("content", "{}"),
                                            ("content_sha256", "c1"), ("registered_at", now), ("registered_by", me)])
        }

        let asOf = CalendarDate(year: 2026, month: 11, day: 1)!, opened = CalendarDate(year: 2025, month: 3, day: 9)!
        let frame = typed
            ? try tx.insert(FrameRecord(asOf: asOf, sourceName: "r.csv", sourceSHA256: "s", rowsSHA256: nil, rowCount: 0,
                                        keptAttributes: "[\"age\"]", importedAt: now, importedBy: me, personalDataKept: "[\"worker\"]"))
            : try tx.insert(into: .frame, [("as_of", asOf.description), ("source_name", "r.csv"), ("source_sha256", "s"),
                                           ("rows_sha256", nil), ("row_count", 0), ("kept_attributes", "[\"age\"]"),
                                           ("personal_data_kept", "[\"worker\"]"), ("imported_at", now), ("imported_by", me)])
        for (n, service) in [(1, Service?.some(.childInCare)), (2, nil)] {
            if typed {
                try tx.insert(FrameCaseRecord(frameID: frame, caseID: "C\(n)", team: "CP North", locality: "Ashby", service: service,
                                              worker: n == 1 ? "W" : nil, opened: n == 1 ? opened : nil, attributes: "{\"age\":\"9\"}",
                                              sourceLine: Int64(n + 1)))
            } else {
                try tx.insert(into: .frameCase, [("frame_id", frame), ("case_id", "C\(n)"), ("team", "CP North"), ("locality", "Ashby"),
                                                 ("service", service?.code), ("worker", n == 1 ? "W" : nil),
                                                 ("opened", n == 1 ? opened.description : nil), ("attributes", "{\"age\":\"9\"}"),
                                                 ("source_line", n + 1)])
            }
        }
        if typed {
            try tx.update(FrameRecord.self, id: frame, set: [(.rowCount, 2), (.rowsSHA256, "rows")])
        } else {
            try tx.update(.frame, id: frame, set: [("row_count", 2), ("rows_sha256", "rows")])
        }

        let draw = typed
            ? try tx.insert(DrawRecord(month: month, frameID: frame, frameSourceSHA256: "s", frameRowsSHA256: "rows", seed: "seed",
                                       seedGiven: true, algorithm: "alg", byFields: "[\"team\"]", services: nil, requestedSize: 2,
                                       perStratum: nil, allocationRequested: "proportional", allocationUsed: "proportional",
                                       minPerStratum: 1, excludeRecent: 3, total: 2, drawnAt: now, drawnBy: me, status: "current",
                                       replacesDrawID: nil, replaceReason: nil))
            : try tx.insert(into: .draw, [
                ("month", month), ("frame_id", frame), ("frame_source_sha256", "s"), ("frame_rows_sha256", "rows"),
                ("seed", "seed"), ("seed_given", 1), ("algorithm", "alg"), ("by_fields", "[\"team\"]"), ("services", nil as String?),
                ("requested_size", 2 as Int?), ("per_stratum", nil as Int?), ("allocation_requested", "proportional"),
                ("allocation_used", "proportional"), ("min_per_stratum", 1), ("exclude_recent", 3), ("total", 2),
                ("drawn_at", now), ("drawn_by", me), ("status", "current"), ("replaces_draw_id", nil as Int64?), ("replace_reason", nil as String?),
            ])
        let second = typed
            ? try tx.insert(DrawRecord(month: earlier, frameID: frame, frameSourceSHA256: "s", frameRowsSHA256: "rows", seed: "t",
                                       seedGiven: false, algorithm: "alg", byFields: "[]", services: "[\"child-in-care\"]",
                                       requestedSize: nil, perStratum: 4, allocationRequested: "equal", allocationUsed: "per-stratum",
                                       minPerStratum: 0, excludeRecent: 0, total: 4, drawnAt: now, drawnBy: me, status: "current",
                                       replacesDrawID: draw, replaceReason: "again"))
            : try tx.insert(into: .draw, [
                ("month", earlier), ("frame_id", frame), ("frame_source_sha256", "s"), ("frame_rows_sha256", "rows"),
                ("seed", "t"), ("seed_given", 0), ("algorithm", "alg"), ("by_fields", "[]"), ("services", "[\"child-in-care\"]"),
                ("requested_size", nil as Int?), ("per_stratum", 4 as Int?), ("allocation_requested", "equal"),
                ("allocation_used", "per-stratum"), ("min_per_stratum", 0), ("exclude_recent", 0), ("total", 4),
                ("drawn_at", now), ("drawn_by", me), ("status", "current"), ("replaces_draw_id", draw), ("replace_reason", "again"),
            ])
        if typed {
            try tx.update(DrawRecord.self, id: draw, set: [(.status, "replaced")])
            try tx.insert(DrawStratumRecord(drawID: draw, position: 0, stratumKey: "{\"team\":\"CP North\"}", population: 2, eligible: 2,
                                            sample: 1, neymanP: 0.25, inclusionProbability: 0.5))
            try tx.insert(DrawStratumRecord(drawID: draw, position: 1, stratumKey: "{}", population: 0, eligible: 0, sample: 0,
                                            neymanP: nil, inclusionProbability: nil))
            try tx.insert(DrawExclusionRecord(drawID: draw, caseID: "C2", excludedByMonth: earlier))
            try tx.insert(DrawCaseRecord(drawID: draw, caseID: "C1", stratumPosition: 0, ticket: "t1"))
        } else {
            try tx.update(.draw, id: draw, set: [("status", "replaced")])
            try tx.insert(into: .drawStratum, [("draw_id", draw), ("position", 0), ("stratum_key", "{\"team\":\"CP North\"}"),
                                               ("population", 2), ("eligible", 2), ("sample", 1), ("neyman_p", 0.25 as Double?),
                                               ("inclusion_probability", 0.5 as Double?)])
            try tx.insert(into: .drawStratum, [("draw_id", draw), ("position", 1), ("stratum_key", "{}"), ("population", 0),
                                               ("eligible", 0), ("sample", 0), ("neyman_p", nil as Double?),
                                               ("inclusion_probability", nil as Double?)])
            try tx.insert(into: .drawExclusion, [("draw_id", draw), ("case_id", "C2"), ("excluded_by_month", earlier)])
            try tx.insert(into: .drawCase, [("draw_id", draw), ("case_id", "C1"), ("stratum_position", 0), ("ticket", "t1")])
        }

        let assignment = typed
            ? try tx.insert(AssignmentRecord(drawID: draw, caseID: "C1", auditor: "Ann Auditor", assignedAt: now, assignedBy: me, due: due))
            : try tx.insert(into: .assignment, [("draw_id", draw), ("case_id", "C1"), ("auditor", "Ann Auditor"),
                                                ("assigned_at", now), ("assigned_by", me), ("due", due.description)])
        let later = CalendarDate(year: 2026, month: 12, day: 14)!
        if typed {
            try tx.update(AssignmentRecord.self, id: assignment, set: [(.auditor, "Lena Lead"), (.assignedAt, now), (.assignedBy, me), (.due, later)])
            try tx.insert(SetAsideRecord(drawID: draw, caseID: "C2", reason: "moved away", setBy: me, setAt: now))
        } else {
            try tx.update(.assignment, id: assignment, set: [("auditor", "Lena Lead"), ("assigned_at", now), ("assigned_by", me),
                                                            ("due", later.description)])
            try tx.insert(into: .setAside, [("draw_id", draw), ("case_id", "C2"), ("reason", "moved away"), ("set_by", me), ("set_at", now)])
        }

        // An audit opened by record (the hot path already typed), then changed as the store changes it.
        let audit = try tx.insert(AuditRecord(month: month, caseID: "C1", drawID: draw, unsampled: false, reaudit: false, team: "CP North",
                                              locality: "Ashby", service: .childInCare, worker: "W", templateID: "core", templateVersion: 2,
                                              templateSHA256: "c1", auditor: "Ann Auditor", status: "in_progress", startedAt: now))
        let grade = Grade(rawValue: 3)!, inadequate = Grade(rawValue: 4)!
        // A new answer as `saveAnswer` wrote it: typed, with evidence; skipped; evidence only.
        let answers: [Int64]
        if typed {
            answers = [
                try tx.insert(AuditAnswerRecord(auditID: audit, questionID: "q1", value: "yes", grade: grade, skipped: false,
                                                evidence: "seen", reason: nil, answeredAt: now, answeredBy: me)),
                try tx.insert(AuditAnswerRecord(auditID: audit, questionID: "q2", value: nil, grade: nil, skipped: true,
                                                evidence: nil, reason: "n/a", answeredAt: now, answeredBy: me)),
                try tx.insert(AuditAnswerRecord(auditID: audit, questionID: "q3", value: nil, grade: nil, skipped: false,
                                                evidence: "notes", reason: nil, answeredAt: now, answeredBy: me)),
            ]
            try tx.update(AuditAnswerRecord.self, id: answers[2], set: [(.answeredAt, now), (.answeredBy, me), (.value, "no"),
                                                                       (.grade, inadequate), (.skipped, false)])
            try tx.update(AuditRecord.self, id: audit, set: [(.overall, inadequate), (.overallReason, "because")])
            try tx.insert(AuditSectionGradeRecord(auditID: audit, sectionID: "plan", grade: grade))
            try tx.update(AuditRecord.self, id: audit, set: [(.status, "submitted"), (.suggestedOverall, grade), (.submittedAt, now)])
        } else {
            answers = [
                try tx.insert(into: .auditAnswer, [("audit_id", audit), ("question_id", "q1"), ("answered_at", now), ("answered_by", me),
                                                   ("value", "yes"), ("grade", grade.rawValue), ("skipped", 0), ("evidence", "seen")]),
                try tx.insert(into: .auditAnswer, [("audit_id", audit), ("question_id", "q2"), ("answered_at", now), ("answered_by", me),
                                                   ("value", nil), ("grade", nil), ("skipped", 1), ("reason", "n/a")]),
                try tx.insert(into: .auditAnswer, [("audit_id", audit), ("question_id", "q3"), ("answered_at", now), ("answered_by", me),
                                                   ("skipped", 0), ("evidence", "notes")]),
            ]
            try tx.update(.auditAnswer, id: answers[2], set: [("answered_at", now), ("answered_by", me), ("value", "no"),
                                                              ("grade", inadequate.rawValue), ("skipped", 0)])
            try tx.update(.audit, id: audit, set: [("overall", inadequate.rawValue), ("overall_reason", "because")])
            try tx.insert(into: .auditSectionGrade, [("audit_id", audit), ("section_id", "plan"), ("grade", grade.rawValue)])
            try tx.update(.audit, id: audit, set: [("status", "submitted"), ("suggested_overall", grade.rawValue), ("submitted_at", now)])
        }

        let (action, escalation, challenge): (Int64, Int64, Int64)
        if typed {
            let amendment = try tx.insert(AuditAmendmentRecord(auditID: audit, reason: "wrong case", amendedAt: now, amendedBy: me,
                                                               submittedJSON: "{\"evidence\":\"seen\"}"))
            try tx.update(AuditRecord.self, id: audit, set: [(.status, "in_progress"), (.submittedAt, nil), (.suggestedOverall, nil)])
            try tx.redact(AuditAmendmentRecord.self, id: amendment, set: [(.submittedJSON, "{\"evidence\":null}")])
            try tx.redact(AuditAnswerRecord.self, id: answers[0], set: [(.evidence, nil)])
            try tx.insert(RedactionRecord(auditID: audit, questionID: "q1", reason: "a name", redactedAt: now, redactedBy: me))
            action = try tx.insert(AuditActionRecord(auditID: audit, what: "visit", owner: "SW", due: due, raisedAt: now, raisedBy: me,
                                                     team: "CP North", status: "open", closedAt: nil, closedBy: nil, closingNote: nil))
            try tx.update(AuditActionRecord.self, id: action, set: [(.what, "visit twice"), (.owner, "SW"), (.due, later)])
            try tx.update(AuditActionRecord.self, id: action, set: [(.status, "done"), (.closedAt, now), (.closedBy, me), (.closingNote, "ok")])
            escalation = try tx.insert(EscalationRecord(auditID: audit, caseID: "C1", concern: "unsafe", escalatedTo: "MASH", raisedAt: now,
                                                        raisedBy: me, response: nil, respondedAt: nil, respondedBy: nil))
            try tx.update(EscalationRecord.self, id: escalation, set: [(.response, "visited"), (.respondedAt, now), (.respondedBy, me)])
            challenge = try tx.insert(ChallengeRecord(auditID: audit, questionID: nil, comment: "too harsh", challenger: "SW", raisedAt: now,
                                                      raisedBy: me, status: "open", resolutionReason: nil, resolvedBy: nil, resolvedAt: nil))
            try tx.update(ChallengeRecord.self, id: challenge, set: [(.status, "partly_accepted"), (.resolutionReason, "some"),
                                                                     (.resolvedBy, me), (.resolvedAt, now)])
        } else {
            let amendment = try tx.insert(into: .auditAmendment, [("audit_id", audit), ("reason", "wrong case"), ("amended_at", now),
                                                                  ("amended_by", me), ("submitted_json", "{\"evidence\":\"seen\"}")])
            try tx.update(.audit, id: audit, set: [("status", "in_progress"), ("submitted_at", nil), ("suggested_overall", nil)])
            try tx.redact(.auditAmendment, id: amendment, set: [("submitted_json", "{\"evidence\":null}")])
            try tx.redact(.auditAnswer, id: answers[0], set: [("evidence", nil)])
            try tx.insert(into: .redaction, [("audit_id", audit), ("question_id", "q1"), ("reason", "a name"), ("redacted_at", now),
                                             ("redacted_by", me)])
            action = try tx.insert(into: .auditAction, [("audit_id", audit), ("team", "CP North"), ("what", "visit"), ("owner", "SW"),
                                                        ("due", due.description), ("raised_at", now), ("raised_by", me), ("status", "open")])
            try tx.update(.auditAction, id: action, set: [("what", "visit twice"), ("owner", "SW"), ("due", later)])
            try tx.update(.auditAction, id: action, set: [("status", "done"), ("closed_at", now), ("closed_by", me), ("closing_note", "ok")])
            escalation = try tx.insert(into: .escalation, [("audit_id", audit), ("case_id", "C1"), ("concern", "unsafe"),
                                                           ("escalated_to", "MASH"), ("raised_at", now), ("raised_by", me)])
            try tx.update(.escalation, id: escalation, set: [("response", "visited"), ("responded_at", now), ("responded_by", me)])
            challenge = try tx.insert(into: .challenge, [("audit_id", audit), ("question_id", nil as String?), ("comment", "too harsh"),
                                                         ("challenger", "SW"), ("raised_at", now), ("raised_by", me), ("status", "open")])
            try tx.update(.challenge, id: challenge, set: [("status", "partly_accepted"), ("resolution_reason", "some"),
                                                           ("resolved_by", me), ("resolved_at", now)])
        }

        if typed {
            let sample = try tx.insert(ModerationSampleRecord(month: month, seed: "m", seedGiven: false, algorithm: "alg", share: 0.1,
                                                              population: 9, auditors: 1, total: 1, sampledAt: now, sampledBy: me,
                                                              status: "current", replacesSampleID: nil, replaceReason: nil))
            try tx.update(ModerationSampleRecord.self, id: sample, set: [(.status, "replaced")])
            let sample2 = try tx.insert(ModerationSampleRecord(month: month, seed: "n", seedGiven: true, algorithm: "alg", share: 1.0,
                                                               population: 9, auditors: 1, total: 1, sampledAt: now, sampledBy: me,
                                                               status: "current", replacesSampleID: sample, replaceReason: "again"))
            try tx.insert(ModerationSampleAuditRecord(sampleID: sample2, auditID: audit, auditor: "Ann Auditor", ticket: "t", chosenAs: "auditor"))
            let moderation = try tx.insert(ModerationRecord(auditID: audit, sampleID: sample2, moderator: me, moderatedAt: now,
                                                            firstOverall: inadequate, blindSuggestedOverall: nil, blindOverall: grade,
                                                            blindReason: "r", agreedOverall: grade, agreedReason: nil))
            try tx.insert(ModerationAnswerRecord(moderationID: moderation, questionID: "q1", value: "yes", grade: grade,
                                                 evidence: "seen", reason: nil, agreedGrade: grade))
            let agreedOnly = try tx.insert(ModerationAnswerRecord(moderationID: moderation, questionID: "q3", value: nil, grade: nil,
                                                                  evidence: nil, reason: nil, agreedGrade: inadequate))
            try tx.redact(ModerationAnswerRecord.self, id: agreedOnly, set: [(.evidence, nil)])
            try tx.insert(ModerationSectionGradeRecord(moderationID: moderation, sectionID: "plan", firstGrade: grade, blindGrade: nil,
                                                       agreedGrade: grade))
        } else {
            let sample = try tx.insert(into: .moderationSample, [
                ("month", month), ("seed", "m"), ("seed_given", 0), ("algorithm", "alg"), ("share", 0.1), ("population", 9),
                ("auditors", 1), ("total", 1), ("sampled_at", now), ("sampled_by", me), ("status", "current"),
                ("replaces_sample_id", nil as Int64?), ("replace_reason", nil as String?),
            ])
            try tx.update(.moderationSample, id: sample, set: [("status", "replaced")])
            let sample2 = try tx.insert(into: .moderationSample, [
                ("month", month), ("seed", "n"), ("seed_given", 1), ("algorithm", "alg"), ("share", 1.0), ("population", 9),
                ("auditors", 1), ("total", 1), ("sampled_at", now), ("sampled_by", me), ("status", "current"),
                ("replaces_sample_id", sample), ("replace_reason", "again"),
            ])
            try tx.insert(into: .moderationSampleAudit, [("sample_id", sample2), ("audit_id", audit), ("auditor", "Ann Auditor"),
                                                         ("ticket", "t"), ("chosen_as", "auditor")])
            let moderation = try tx.insert(into: .moderation, [
                ("audit_id", audit), ("sample_id", sample2), ("moderator", me), ("moderated_at", now),
                ("first_overall", inadequate.rawValue), ("blind_suggested_overall", nil as Int?), ("blind_overall", grade.rawValue),
                ("blind_reason", "r"), ("agreed_overall", grade.rawValue), ("agreed_reason", nil as String?),
            ])
            try tx.insert(into: .moderationAnswer, [("moderation_id", moderation), ("question_id", "q1"), ("value", "yes"),
                                                    ("grade", grade.rawValue), ("evidence", "seen"), ("reason", nil as String?),
                                                    ("agreed_grade", grade.rawValue)])
            let agreedOnly = try tx.insert(into: .moderationAnswer, [("moderation_id", moderation), ("question_id", "q3"),
                                                                     ("agreed_grade", inadequate.rawValue)])
            try tx.redact(.moderationAnswer, id: agreedOnly, set: [("evidence", nil)])
            try tx.insert(into: .moderationSectionGrade, [("moderation_id", moderation), ("section_id", "plan"), ("first_grade", grade.rawValue),
                                                          ("blind_grade", nil as Int?), ("agreed_grade", grade.rawValue)])
        }

        if typed {
            let batch = try tx.insert(AuditImportRecord(sourceName: "past.csv", sourceSHA256: "p", rowCount: 0, importedAt: now, importedBy: me))
            let past = try tx.insert(ImportedAuditRecord(importID: batch, month: earlier, caseID: "C2", team: "CP North", locality: "Ashby",
                                                         service: nil, overall: inadequate, auditor: nil, sourceLine: 2))
            try tx.insert(ImportedAuditRecord(importID: batch, month: earlier, caseID: "C1", team: "CP North", locality: "Ashby",
                                              service: .childInCare, overall: grade, auditor: "Old Hand", sourceLine: 3))
            try tx.insert(ImportedDomainGradeRecord(importedAuditID: past, sectionID: "plan", grade: inadequate))
            try tx.update(AuditImportRecord.self, id: batch, set: [(.rowCount, 2)])
            try tx.insert(DrawReauditRecord(drawID: second, caseID: "C1", lastAuditID: audit, lastMonth: month))
            try tx.insert(ReportSecretRecord(secret: Data((0..<32).map(UInt8.init)), createdAt: now, createdBy: me))
            try tx.insert(RevealLogRecord(revealedAt: now, revealedBy: me, osLogin: tx.user.osLogin, report: "rates",
                                          arguments: "[\"--reveal\"]"))
        } else {
            let batch = try tx.insert(into: .auditImport, [("source_name", "past.csv"), ("source_sha256", "p"), ("row_count", 0),
                                                           ("imported_at", now), ("imported_by", me)])
            let past = try tx.insert(into: .importedAudit, [("import_id", batch), ("month", earlier.description), ("case_id", "C2"),
                                                            ("team", "CP North"), ("locality", "Ashby"), ("service", nil as String?),
                                                            ("overall", inadequate.rawValue), ("auditor", nil as String?), ("source_line", 2)])
            try tx.insert(into: .importedAudit, [("import_id", batch), ("month", earlier.description), ("case_id", "C1"),
                                                 ("team", "CP North"), ("locality", "Ashby"), ("service", Service.childInCare.code),
                                                 ("overall", grade.rawValue), ("auditor", "Old Hand"), ("source_line", 3)])
            try tx.insert(into: .importedDomainGrade, [("imported_audit_id", past), ("section_id", "plan"), ("grade", inadequate.rawValue)])
            try tx.update(.auditImport, id: batch, set: [("row_count", 2)])
            try tx.insert(into: .drawReaudit, [("draw_id", second), ("case_id", "C1"), ("last_audit_id", audit), ("last_month", month)])
            try tx.insert(into: .reportSecret, [("id", 1), ("secret", Data((0..<32).map(UInt8.init))), ("created_at", now), ("created_by", me)])
            try tx.insert(into: .revealLog, [("revealed_at", now), ("revealed_by", me), ("os_login", tx.user.osLogin), ("report", "rates"),
                                             ("arguments", "[\"--reveal\"]")])
        }
    }

    /// Two databases at one fixed moment, one written through records and one through the
    /// untyped calls: every audited table holds the same rows and the audit log is the same,
    /// entry for entry — its row digests and its hash chain — so a database written before
    /// records still verifies, and its head is the one the new code would have made.
    @Test func recordsStoreTheBytesTheUntypedCallsStored() throws {
        let dir = TemporaryDirectory()
        let clock = Clock.fixed(Date(timeIntervalSince1970: 1_796_000_000))
        var contents: [[String: [Row]]] = []
        for typed in [true, false] {
            let store = try Store(path: dir.file(typed ? "typed.db" : "untyped.db"), identity: lead, clock: clock)
            try store.write { tx in try writeEveryTable(typed: typed, tx) }
            #expect(try store.verify().isIntact, "typed: \(typed)")
            contents.append(try store.read { db in
                var tables: [String: [Row]] = [:]
                for table in AuditedTable.all.map(\.name) + ["audit_log"] {
                    tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid")
                }
                return tables
            })
        }
        let (typed, untyped) = (contents[0], contents[1])
        for table in AuditedTable.all.map(\.name) {
            #expect(typed[table]!.count > 0, "\(table): the test writes no row of it")
            #expect(typed[table] == untyped[table], "\(table)")
            #expect(typed[table]!.map(RowDigest.sha256(of:)) == untyped[table]!.map(RowDigest.sha256(of:)), "\(table)")
        }
        let (log, oldLog) = (typed["audit_log"]!, untyped["audit_log"]!)
        #expect(log.count > AuditedTable.all.count)
        #expect(log.count == oldLog.count)
        let differs = zip(log, oldLog).first { $0 != $1 }
        #expect(differs == nil, "the first log entry that differs, by record then untyped: \(String(describing: differs))")
    }
}
