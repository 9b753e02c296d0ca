import Foundation
import PASCTransparency
import Testing

@Suite("Signed checkpoints")
struct CheckpointTests {
    static let root = MerkleHash(hex: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")!

    @Test func aSignedCheckpointOpensWithItsKeyOnly() throws {
        let signer = LogSigner(name: "pasc.example/log")
        let checkpoint = Checkpoint(origin: "pasc.example/log", size: 8, root: Self.root)
        let note = try checkpoint.signed(by: signer)
        #expect(note.hasPrefix("pasc.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n— pasc.example/log "))
        #expect(try Checkpoint.open(note, verifier: signer.verifier) == checkpoint)
        // The keys survive their text forms.
        let reloaded = try LogSigner(privateKeyLine: signer.privateKeyLine)
        let verifier = try LogVerifier(verifierKey: signer.verifier.verifierKey)
        #expect(try Checkpoint.open(try checkpoint.signed(by: reloaded), verifier: verifier) == checkpoint)
        #expect(signer.verifier.verifierKey.hasPrefix("pasc.example/log+") && !signer.verifier.verifierKey.contains("PRIVATE"))
        // Another key's signature is not ours; a changed body no longer verifies.
        let other = LogSigner(name: "pasc.example/log")
        #expect(throws: CheckpointError.self) { try Checkpoint.open(note, verifier: other.verifier) }
        let forged = note.replacingOccurrences(of: "\n8\n", with: "\n9\n")
        #expect(throws: CheckpointError.badSignature(key: "pasc.example/log")) { try Checkpoint.open(forged, verifier: signer.verifier) }
        // A witness's extra line is ignored.
        let witnessed = note + "— witness.example AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
        #expect(try Checkpoint.open(witnessed, verifier: signer.verifier) == checkpoint)
    }

    @Test(arguments: [
        "", "\n\n", "origin\n8\n", "origin\n8\nroot\n\n— k AAAA\n", "origin\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n",
        "origin\n-1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n— k AAAAAAA=\n",
        "\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n— k AAAAAAA=\n",
        "origin\n99999999999999999999999\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n— k AAAAAAA=\n",
        "origin\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n- k AAAAAAA=\n",
        "origin\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n— k !!!\n",
    ])
    func malformedNotesAreRefusedWithAReason(_ note: String) throws {
        let signer = LogSigner(name: "origin")
        #expect(throws: CheckpointError.self) { try Checkpoint.open(note, verifier: signer.verifier) }
    }

    @Test func malformedKeysAreRefused() {
        #expect(throws: CheckpointError.self) { try LogVerifier(verifierKey: "name+00000000+AAAA") }
        #expect(throws: CheckpointError.self) { try LogSigner(privateKeyLine: "PRIVATE+KEY+name+00000000+AAAA") }
        let signer = LogSigner(name: "n")
        let wrongHash = signer.verifier.verifierKey.split(separator: "+").enumerated().map { $0.offset == 1 ? "00000000" : String($0.element) }
        #expect(throws: CheckpointError.self) { try LogVerifier(verifierKey: wrongHash.joined(separator: "+")) }
    }
}
