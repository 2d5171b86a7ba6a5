// A libFuzzer target over read → segment → tokenize → scan.
//
// Compiled into the same module as Sources/Refrain (see run.sh), so it reaches the
// internal stages too. Every input is read twice: as standard input (plain text, or
// JSON Lines when it starts with `{`) and as a set of documents cut at 0x1E (record
// separator) bytes, with the whole input added once more so that cross-document matches
// always happen. The report's invariants are checked with `precondition`: a violation
// is a crash, and libFuzzer keeps the input.

import Foundation

/// Checks that every span of a report lies inside its document, sorted and disjoint.
func checkReport(_ report: ScanReport, documents: [Document]) {
    precondition(report.documents.count == documents.count, "documents lost")
    for (document, reportDocument) in zip(documents, report.documents) {
        let count = document.bytes.count
        precondition(reportDocument.bytes == count, "byte count changed")
        var previousEnd = 0
        for span in reportDocument.recycled {
            precondition(span.start >= previousEnd && span.start < span.end && span.end <= count, "bad recycled span \(span)")
            previousEnd = span.end
        }
        previousEnd = 0
        for paragraph in reportDocument.paragraphs {
            let span = paragraph.span
            precondition(span.start >= previousEnd && span.start < span.end && span.end <= count, "bad paragraph span \(span)")
            previousEnd = span.end
            for inner in paragraph.recycled + paragraph.repeated + paragraph.sentences {
                precondition(inner.start >= span.start && inner.end <= span.end, "span \(inner) outside its paragraph \(span)")
            }
            precondition(paragraph.recycledWeight <= paragraph.weight, "recycled weight above weight")
        }
        precondition(reportDocument.recycledShare >= 0 && reportDocument.recycledShare <= 1, "share out of range")
    }
    for family in report.families {
        precondition(family.documents >= report.configuration.minDocuments, "small family")
        for member in family.members {
            precondition(member.document < documents.count, "bad member document")
            precondition(member.span.end <= documents[member.document].bytes.count, "bad member span")
        }
    }
}

/// Checks the segmenter's output on one document: spans inside, sorted, disjoint, covering its text.
func checkSegmentation(_ bytes: [UInt8]) {
    let segmentation = Segmenter.segment(bytes)
    var covered = [Bool](repeating: false, count: bytes.count)
    var previousEnd = 0
    for (index, paragraph) in segmentation.paragraphs.enumerated() {
        precondition(paragraph.start >= previousEnd && paragraph.start < paragraph.end && paragraph.end <= bytes.count)
        previousEnd = paragraph.end
        for offset in paragraph.range { covered[offset] = true }
        var sentenceEnd = paragraph.start
        for sentence in segmentation.sentences(ofParagraph: index) {
            precondition(sentence.start >= sentenceEnd && sentence.start < sentence.end && sentence.end <= paragraph.end)
            sentenceEnd = sentence.end
        }
    }
    for (offset, byte) in bytes.enumerated() where !ByteClass.isSpace(byte) {
        precondition(covered[offset], "non-space byte \(offset) outside every paragraph")
    }
    var tokenEnd = 0
    for token in Tokenizer.tokens(in: bytes) {
        precondition(token.span.start >= tokenEnd && token.span.start < token.span.end && token.span.end <= bytes.count)
        tokenEnd = token.span.end
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRefrain(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    // The first byte, when present, picks the shingle length (1…6).
    var configuration = Configuration()
    configuration.shingle = 1 + Int(bytes.first ?? 4) % 6
    configuration.permutations = 32
    configuration.jobs = 1
    let scanner = Pipeline(configuration: configuration)

    // Standard input: one document, or JSON Lines.
    if let corpus = try? Corpus.read(["-"], standardInput: { bytes }) {
        for document in corpus.documents { checkSegmentation(document.bytes) }
        let report = scanner.scan(corpus.documents)
        checkReport(report, documents: corpus.documents)
        _ = report.json()
        _ = report.jsonLines()
        _ = report.summaryText()
    }

    // Documents cut at 0x1E, plus the whole input, so copies exist across documents.
    var documents: [Document] = []
    for (index, piece) in bytes.split(separator: 0x1E, omittingEmptySubsequences: false).enumerated() {
        documents.append(Document(id: "part\(index)", bytes: Array(piece)))
    }
    documents.append(Document(id: "whole", bytes: bytes))
    for document in documents { checkSegmentation(document.bytes) }
    let report = scanner.scan(documents)
    checkReport(report, documents: documents)
    _ = report.json()
    return 0
}
