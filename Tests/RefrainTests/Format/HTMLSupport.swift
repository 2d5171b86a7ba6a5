import Foundation

/// A piece of an HTML page as a small tokenizer reads it: enough to check the pages Refrain
/// writes and the DOM Chromium serializes, not a general HTML parser.
enum HTMLToken: Equatable {
    /// A start tag, its name lowercased, attributes in order (values unescaped).
    case open(String, [HTMLAttribute])
    /// An end tag.
    case close(String)
    /// Text between tags, unescaped.
    case text(String)
}

struct HTMLAttribute: Equatable {
    var name: String
    var value: String
}

/// Splits a page into tags and text. `<!…>` declarations and comments are skipped; the text
/// of `<style>` is read up to `</style>`.
func htmlTokens(_ page: String) -> [HTMLToken] {
    let bytes = Array(page.utf8)
    var tokens: [HTMLToken] = []
    var index = 0
    var textStart = 0
    func flushText(_ end: Int) {
        if end > textStart { tokens.append(.text(unescapeHTML(String(decoding: bytes[textStart..<end], as: UTF8.self)))) }
    }
    func isNameByte(_ byte: UInt8) -> Bool {
        !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "="))
    }
    while index < bytes.count {
        guard bytes[index] == UInt8(ascii: "<") else {
            index += 1
            continue
        }
        flushText(index)
        if bytes[index...].starts(with: Array("<!--".utf8)) {
            var end = index + 4
            while end < bytes.count, !bytes[end...].starts(with: Array("-->".utf8)) { end += 1 }
            index = min(bytes.count, end + 3)
            textStart = index
            continue
        }
        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "!") {
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
            index += 1
            textStart = index
            continue
        }
        var cursor = index + 1
        let closing = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "/")
        if closing { cursor += 1 }
        let nameStart = cursor
        while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
        let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
        var attributes: [HTMLAttribute] = []
        while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") {
            if !isNameByte(bytes[cursor]) {
                cursor += 1
                continue
            }
            let attributeStart = cursor
            while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
            let attributeName = String(decoding: bytes[attributeStart..<cursor], as: UTF8.self).lowercased()
            var value = ""
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") {
                cursor += 1
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                    let quote = bytes[cursor]
                    let valueStart = cursor + 1
                    cursor = valueStart
                    while cursor < bytes.count, bytes[cursor] != quote { cursor += 1 }
                    value = String(decoding: bytes[valueStart..<min(cursor, bytes.count)], as: UTF8.self)
                    cursor += 1
                } else {
                    let valueStart = cursor
                    while cursor < bytes.count, bytes[cursor] != 0x20, bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                    value = String(decoding: bytes[valueStart..<cursor], as: UTF8.self)
                }
            }
            attributes.append(HTMLAttribute(name: attributeName, value: unescapeHTML(value)))
        }
        index = cursor + 1
        tokens.append(closing ? .close(name) : .open(name, attributes))
        textStart = index
        if !closing, name == "style" || name == "script" {
            let end = Array("</\(name)".utf8)
            while index < bytes.count, !bytes[index...].starts(with: end) { index += 1 }
            flushText(index)
            textStart = index
        }
    }
    flushText(bytes.count)
    return tokens
}

/// Text with the character references HTML serializers write replaced by their characters.
func unescapeHTML(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var result = ""
    var rest = Substring(text)
    while let ampersand = rest.firstIndex(of: "&") {
        result += rest[..<ampersand]
        let after = rest[ampersand...]
        guard let semicolon = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semicolon) <= 10 else {
            result += "&"
            rest = rest[rest.index(after: ampersand)...]
            continue
        }
        let entity = String(after[after.index(after: after.startIndex)..<semicolon])
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
        if let character = named[entity] {
            result += character
        } else if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let value = UInt32(entity.dropFirst(2), radix: 16),
            let scalar = Unicode.Scalar(value)
        {
            result.unicodeScalars.append(scalar)
        } else if entity.hasPrefix("#"), let value = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(value) {
            result.unicodeScalars.append(scalar)
        } else {
            result += "&" + entity + ";"
        }
        rest = rest[rest.index(after: semicolon)...]
    }
    return result + rest
}

extension [HTMLToken] {
    /// The start tags named `name`.
    func tags(_ name: String) -> [[HTMLAttribute]] {
        compactMap { if case .open(name, let attributes) = $0 { attributes } else { nil } }
    }

    /// The start tags named `name` whose class is `className`.
    func count(_ name: String, class className: String) -> Int {
        tags(name).filter { $0.value("class") == className }.count
    }

    /// The text of each `<mark>`, with the id of the `<article>` it is in and the `href` of
    /// the link around it, if any.
    func marks() -> [(article: String?, text: String, href: String?)] {
        var result: [(article: String?, text: String, href: String?)] = []
        var article: String?
        var link: String?
        var inMark = false
        var text = ""
        for token in self {
            switch token {
            case .open("article", let attributes): article = attributes.value("id")
            case .close("article"): article = nil
            case .open("a", let attributes): link = attributes.value("href")
            case .close("a"): link = nil
            case .open("mark", _):
                inMark = true
                text = ""
            case .close("mark"):
                inMark = false
                result.append((article, text, link))
            case .text(let piece) where inMark: text += piece
            default: break
            }
        }
        return result
    }

    /// The text of the page's title: the first `<title>` (those in SVG come later).
    var title: String {
        var inTitle = false
        var result = ""
        for token in self {
            switch token {
            case .open("title", _): inTitle = true
            case .close("title"): return result
            case .text(let text) where inTitle: result += text
            default: break
            }
        }
        return result
    }

    /// The text inside every element, joined.
    var allText: String {
        compactMap { if case .text(let text) = $0 { text } else { nil } }.joined()
    }
}

extension [HTMLAttribute] {
    /// The value of the attribute `name`, if present.
    func value(_ name: String) -> String? { first { $0.name == name }?.value }
}
