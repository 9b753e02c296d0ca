import Foundation
import PASCCore
import PASCDomain

/// Fixed instants and the demo dataset, loaded once per process.
public enum Fixtures {
    /// 2026-09-15 09:00 in Ho Chi Minh City, a Tuesday during office hours.
    public static let t0: Date = VietnamTime.parseInstant("2026-09-15T09:00:00+07:00")!

    public static let clock = FixedClock(t0)

    /// A reception officer of the Phú Cường ward point (000.03.11.H56).
    public static let officer: StaffMember = {
        do {
            let point = try OfficeCode("000.03.11.H56")
            return try StaffMember(
                username: "le.thi.a",
                fullName: "Lê Thị A",
                roles: [.receptionOfficer],
                scope: StaffScope(offices: [point]),
                homeOffice: point
            )
        } catch { fatalError("fixture officer: \(error)") }
    }()

    /// The demo network and catalog (parsed from the bundled CSV files).
    public static let demo: NetworkDataset = {
        do { return try DemoDataset.load() } catch { fatalError("the demo dataset does not load: \(error)") }
    }()
}

/// A clock tests move by hand (session expiry, rate-limit windows).
public final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    public init(_ start: Date = Fixtures.t0) { instant = start }

    public func now() -> Date { lock.withLock { instant } }

    public func advance(seconds: TimeInterval) { lock.withLock { instant.addTimeInterval(seconds) } }

    /// Jumps to an instant (ISO 8601; without an offset it means Asia/Ho_Chi_Minh).
    public func set(_ text: String) { lock.withLock { instant = VietnamTime.parseInstant(text)! } }
}
