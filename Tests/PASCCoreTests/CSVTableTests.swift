import PASCCore
import Testing

@Suite("CSV reading (RFC 4180)")
struct CSVTableTests {
    @Test func readsQuotedFieldsDoubledQuotesAndCRLF() throws {
        let text = "code,name,notes\r\n1,\"Hòa, Lợi\",\"say \"\"hi\"\"\"\r\n2,Phú Cường,\"two\nlines\"\n"
        let table = try CSVTable(text: text)
        #expect(table.header == ["code", "name", "notes"])
        #expect(table.rows.count == 2)
        #expect(table.rows[0]["name"] == "Hòa, Lợi")
        #expect(table.rows[0]["notes"] == "say \"hi\"")
        #expect(table.rows[1]["notes"] == "two\nlines")
    }

    @Test func aShortRowNamesItsLine() {
        #expect {
            try CSVTable(text: "a,b\n1,2\n3\n")
        } throws: { error in
            (error as? CSVError)?.line == 3
        }
    }

    @Test func aDuplicateColumnIsRefused() {
        #expect {
            try CSVTable(text: "code,code,latitude\n1,2,3\n")
        } throws: { error in
            (error as? CSVError)?.line == 1 && (error as? CSVError)?.reason.contains("'code'") == true
        }
    }

    @Test func anUnclosedQuoteIsReported() {
        #expect(throws: CSVError.self) { try CSVTable(text: "a,b\n\"1,2\n") }
    }

    @Test func missingColumnsAreListed() throws {
        let table = try CSVTable(text: "code,lat\n1,2\n")
        #expect {
            try table.require(columns: ["code", "latitude", "longitude"])
        } throws: { error in
            (error as? CSVError)?.reason.contains("latitude, longitude") == true
        }
    }
}
