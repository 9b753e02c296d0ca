import Foundation
import Mustache

/// The printable forms' Mustache templates and their stylesheet, read from the bundle once.
/// Mustache escapes every value, so text typed by staff or applicants cannot become markup.
struct FormLibrary: Sendable {
    let library: MustacheLibrary
    let stylesheet: String

    init() throws {
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil)?.appendingPathComponent("forms"),
            let css = Bundle.module.url(forResource: "assets", withExtension: nil)?.appendingPathComponent("forms.css")
        else { throw FormError("the form templates are missing from the PASCApp bundle") }
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        for name in names.sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        stylesheet = try String(contentsOf: css, encoding: .utf8)
    }

    func render(_ form: some FormPage) throws -> String {
        guard let html = library.render(form, withTemplate: form.template) else { throw FormError("no template \(form.template)") }
        return html
    }
}

struct FormError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// What every form's page carries for the shared head and foot.
protocol FormPage {
    var template: String { get }
}
