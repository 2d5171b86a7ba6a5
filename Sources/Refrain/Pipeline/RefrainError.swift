/// Errors that stop a run, each with the exit status DESIGN.md gives it.
public enum RefrainError: Error, CustomStringConvertible, Equatable {
    /// A path on the command line does not exist.
    case pathNotFound(String)
    /// The folder given to `restore` does not exist.
    case cleanFolderNotFound(String)
    /// Input data that cannot be used at all.
    case invalidInput(String)
    /// Reading or writing failed.
    case io(path: String, reason: String)
    /// A wrong combination of arguments.
    case usage(String)
    /// The inputs hold no document: `filesFound` 0 means no file was found to read (66),
    /// more means files were found but none held a document (65).
    case noDocuments(inputs: [String], filesFound: Int)

    /// The process exit status: 66, 65, 74 or 64.
    public var exitCode: Int32 {
        switch self {
        case .pathNotFound, .cleanFolderNotFound: 66
        case .invalidInput: 65
        case .io: 74
        case .usage: 64
        case .noDocuments(_, let filesFound): filesFound == 0 ? 66 : 65
        }
    }

    public var description: String {
        switch self {
        case .pathNotFound(let path)
        where ["http://", "https://", "ftp://"].contains(where: { path.lowercased().hasPrefix($0) }):
            "\(path): no such file or directory. refrain reads files on this machine and standard input, not URLs: download it first (curl -LO URL), or pipe it in (curl -sL URL | refrain COMMAND -)."
        case .pathNotFound(let path):
            "\(path): no such file or directory. Check the path, or pass a folder of .txt files, a .jsonl file, or - for standard input."
        case .cleanFolderNotFound(let path):
            "\(path): no such folder. Give the folder refrain clean wrote (its --output), which holds \(CleanManifest.fileName)."
        case .invalidInput(let message): message
        case .io(let path, let reason): "\(path): \(reason)"
        case .usage(let message): message
        case .noDocuments(let inputs, _) where inputs == ["-"]:
            "no documents: standard input held none (see the problems above). Pipe in text, or JSON Lines records with a \"text\"."
        case .noDocuments(let inputs, let filesFound):
            filesFound == 0
                ? "no documents: \(inputs.joined(separator: ", ")) holds no file to read (by default *.txt, *.jsonl and *.ndjson). Pass the folder that holds the articles, or --include GLOB to read other files."
                : "no documents: the \(filesFound) file\(filesFound == 1 ? "" : "s") found in \(inputs.joined(separator: ", ")) held none (see the problems above). Fix or replace them."
        }
    }
}
