import Foundation
import PASCCore
import Testing

@Suite("Cursors and clock settings")
struct CursorAndClockTests {
    @Test func cursorsRoundTripAndRejectGarbage() {
        for cursor in [Cursor.after("000.00.12.H56"), .offset(40), .after("ăn")] {
            #expect(Cursor(token: cursor.token) == cursor)
            #expect(!cursor.token.contains("="))
        }
        #expect(Cursor(token: "not a cursor") == nil)
        #expect(Cursor(token: Cursor.offset(-1).token) == nil)
        #expect(Cursor(token: Cursor.after("a\u{0}b").token) == nil, "control characters never reach a query")
    }

    @Test func clockSpecificationsParse() throws {
        let fixed = try ClockSpecification.parse("fixed:2026-09-15T09:00:00+07:00")
        #expect(VietnamTime.format(fixed.now()) == "2026-09-15T09:00:00+07:00")
        let local = try ClockSpecification.parse("fixed:2026-09-15T09:00:00")
        #expect(local.now() == fixed.now(), "a time without offset means Asia/Ho_Chi_Minh")
        let offset = try ClockSpecification.parse("offset:-3d")
        #expect(abs(offset.now().timeIntervalSinceNow + 3 * 86400) < 5)
        #expect(throws: ConfigurationError.self) { try ClockSpecification.parse("fixed:yesterday") }
        #expect(throws: ConfigurationError.self) { try ClockSpecification.parse("offset:3w") }
        #expect(throws: ConfigurationError.self) { try ClockSpecification.parse("sundial") }
        for nonsense in ["offset:nand", "offset:infd", "offset:1e300d", "offset:36501d", "offset:d"] {
            #expect(throws: ConfigurationError.self, "\(nonsense)") { try ClockSpecification.parse(nonsense) }
        }
    }
}
