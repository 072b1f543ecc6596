import Foundation

/// Reading JSONSerialization's values leniently where servers are lenient (a number given as a string, a bool as 0/1).
enum JSONValue {
    static func int(_ value: Any?) -> Int? {
        switch value {
        case let i as Int: return i
        case let n as NSNumber:
            let d = n.doubleValue
            return d.rounded() == d && abs(d) < 9e15 ? Int(d) : nil
        case let s as String: return Int(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    static func string(_ value: Any?) -> String? {
        switch value {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }

    static func bool(_ value: Any?) -> Bool? {
        switch value {
        case let b as Bool: return b
        case let n as NSNumber: return n.boolValue
        case let s as String: return s == "1" || s == "true" || s == "t"
        default: return nil
        }
    }
}
