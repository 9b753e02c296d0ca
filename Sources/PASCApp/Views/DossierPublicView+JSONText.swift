/// The public view as ``JSONText``, keys in sorted order: what the tracking route sends.
extension DossierPublicView {
    func jsonText() -> [UInt8] {
        var json = JSONText()
        json.beginObject()
        json.field("agency", agency)
        json.key("apology")
        if let apology {
            json.beginObject()
            json.field("at", apology.at)
            json.field("newDue", apology.newDue)
            json.field("previousDue", apology.previousDue)
            json.field("reason", apology.reason)
            json.field("recordedLate", apology.recordedLate)
            json.endObject()
        } else {
            json.string(nil)
        }
        json.field("appointmentDate", appointmentDate)
        json.field("appointmentRule", appointmentRule)
        json.field("channel", channel)
        json.field("code", code)
        json.field("due", due)
        json.field("heldBy", heldBy)
        json.field("heldByDue", heldByDue)
        json.field("overdue", overdue)
        json.key("phase")
        json.beginObject()
        json.field("code", phase.code)
        json.field("name", phase.name)
        json.field("nameEn", phase.nameEn)
        json.endObject()
        json.key("plan")
        json.beginArray()
        for step in plan {
            json.beginObject()
            json.field("agency", step.agency)
            json.field("budget", step.budget)
            json.field("due", step.due)
            json.field("handedOverAt", step.handedOverAt)
            json.field("step", step.step)
            json.field("timeliness", step.timeliness)
            json.endObject()
        }
        json.endArray()
        json.field("procedure", procedure)
        json.field("receivedAt", receivedAt)
        json.field("receivingOffice", receivingOffice)
        json.key("status")
        json.write(status)
        json.key("steps")
        json.beginArray()
        for step in steps {
            json.beginObject()
            json.field("action", step.action)
            json.field("agency", step.agency)
            json.field("at", step.at)
            json.key("details")
            json.object(step.details)
            json.field("due", step.due)
            json.field("office", step.office)
            json.field("reason", step.reason)
            json.field("role", step.role)
            json.key("status")
            json.write(step.status)
            json.field("timeliness", step.timeliness)
            json.endObject()
        }
        json.endArray()
        json.field("timeliness", timeliness)
        json.field("violation", violation)
        json.endObject()
        return json.bytes
    }
}

extension JSONText {
    fileprivate mutating func write(_ status: DossierPublicView.Status) {
        beginObject()
        field("code", status.code)
        field("name", status.name)
        field("nameEn", status.nameEn)
        endObject()
    }
}
