/// A cluster of near-copy paragraphs or sentences found in at least `minDocuments` documents.
public struct Family: Sendable, Hashable {
    /// One copy of the family's text.
    public struct Member: Sendable, Hashable {
        /// The document's index in the report.
        public var document: Int
        /// The paragraph's index in the document.
        public var paragraph: Int
        /// The copy's bytes (a paragraph, or a sentence inside it).
        public var span: ByteRange
        /// Whether the copy is a whole paragraph.
        public var isParagraph: Bool
    }

    /// The family's stable id, from its representative's normalized words (`Family.stableID(ofText:)`):
    /// the same in any corpus where the family's representative reads the same.
    public var id: Int
    /// Distinct documents holding a copy.
    public var documents: Int
    /// Every copy, in corpus order.
    public var members: [Member]
    /// One distinct text (normalized) among the copies, and how many copies have it.
    public struct Variant: Sendable, Hashable {
        /// The first copy with this text.
        public var member: Member
        /// Copies with this text.
        public var copies: Int
    }

    /// The member that stands for the family: the variant in the most documents, then with
    /// the most copies, earliest on ties; a paragraph before a sentence, unless no paragraph
    /// but a sentence is in two documents or more.
    public var representative: Member
    /// The distinct texts, most copies first; the representative's comes first.
    public var variants: [Variant]
    /// The representative's text.
    public var text: String
}
