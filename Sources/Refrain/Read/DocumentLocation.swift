/// Where the read stage found a document: which input, which file, which line.
public struct DocumentLocation: Sendable, Hashable {
    /// The input it came from: its index among the paths given to `Corpus.read`.
    public var input: Int
    /// The file it was read from, as a path for display (bytes that are not UTF-8 shown as
    /// `\xff`); `-` for standard input.
    public var file: String
    /// The file's path relative to its input, for display: below the folder for a folder,
    /// the file's name for a file, empty for standard input.
    public var relativePath: String
    /// The line, for a JSON Lines record.
    public var line: Int?
    /// The file's path as its bytes: names need not be UTF-8.
    public var fileBytes: [UInt8]
    /// The path relative to its input as its bytes: what `clean` names its output by.
    public var relativePathBytes: [UInt8]

    /// Creates a location; the byte paths default to the UTF-8 of the display ones.
    public init(
        input: Int, file: String, relativePath: String, line: Int? = nil, fileBytes: [UInt8]? = nil,
        relativePathBytes: [UInt8]? = nil
    ) {
        self.input = input
        self.file = file
        self.relativePath = relativePath
        self.line = line
        self.fileBytes = fileBytes ?? Array(file.utf8)
        self.relativePathBytes = relativePathBytes ?? Array(relativePath.utf8)
    }

    /// A path's bytes for display: UTF-8 as it is, every byte that is not part of valid
    /// UTF-8 as `\xff` and a backslash as `\\`, so that no two names show alike (a file
    /// named `caf\xe9.txt` in ASCII is shown `caf\\xe9.txt`, one with the byte 0xE9
    /// `caf\xe9.txt`): the name is also the document's id.
    ///
    /// - Parameter bytes: A path or name.
    /// - Returns: The text to show, and to use in ids.
    /// - Complexity: O(*n*) in the bytes.
    public static func displayName<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if !bytes.contains(UInt8(ascii: "\\")), let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var result = ""
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var position = bytes.startIndex
        let hex = Array("0123456789abcdef".unicodeScalars)
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "\\" { result += "\\" }
                result.unicodeScalars.append(scalar)
                position = bytes.index(position, offsetBy: encoded.count)
            case .error(let length):
                for byte in bytes[position...].prefix(length) {
                    result += "\\x"
                    result.unicodeScalars.append(hex[Int(byte >> 4)])
                    result.unicodeScalars.append(hex[Int(byte & 0x0F)])
                }
                position = bytes.index(position, offsetBy: length)
            case .emptyInput:
                break loop
            }
        }
        return result
    }
}
