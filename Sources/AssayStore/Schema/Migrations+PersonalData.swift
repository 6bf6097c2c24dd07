import GRDB

extension Migrations {
    /// `frame.personal_data_kept`: the register columns a lead kept although they look like
    /// personal data about a child or family (`import cases --keep … --allow-personal-data`),
    /// so that choice is on record with the frame and in the audit log.
    static func v12PersonalData(_ db: Database) throws {
        try reshape(db, table: .frame, migration: "v12-personal-data", sql: "ALTER TABLE frame ADD COLUMN personal_data_kept TEXT")
    }
}
