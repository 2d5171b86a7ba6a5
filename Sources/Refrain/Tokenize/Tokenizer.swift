import CRefrainKernels
import CXXHash
import Foundation

/// Splits text into case-folded word tokens and hashes each once with XXH3-64.
///
/// Letters and digits form words; everything else separates them, so punctuation, quote
/// style and dash style never matter. An apostrophe inside a word (`'`, `’`, `ʼ`, and `‘`,
/// `＇` or `´` typed for one) is dropped, so "Azerbaijan’s" and "Azerbaijan's" are the same
/// token. An underscore between two words joins them into one token, kept in it:
/// identifiers (`GCLOUD_WIDE_FLAG`, `access_level`) stay whole, so sibling identifiers do
/// not match on a shared prefix. A comma or point between two digits is kept in a number
/// ("90,000", "3.5"). A hyphen still separates, so "cease-fire" and "cease fire",
/// "Nagorno-Karabakh" and "Nagorno Karabakh" stay the same words. ASCII words take a C
/// kernel's fast path (`refrain_tokenize_ascii`, SSE2 blocks where available); other
/// scripts are folded with Unicode's lower-case mapping.
/// An HTML character reference (`&amp;`, `&eacute;`, `&#39;`: `CharacterReference`) is read as
/// the character it stands for; the kernel hands every `&` back to Swift's path.
/// Scripts written without spaces (Han, Kana, Thai, Lao, Khmer, Myanmar) make one token
/// per character, so shingles become character n-grams there. Invalid UTF-8 bytes act
/// as separators.
///
/// Spellings that look the same to a reader hash the same, so that a copy saved in
/// another form is still a copy: a word with combining marks (`e` + U+0301, Hangul jamo,
/// kana with a separate voicing mark) is hashed in NFC, as its precomposed spelling is;
/// invisible format characters (soft hyphen, zero-width joiners, bidi marks; not the
/// zero-width space, which marks a word boundary),
/// the Arabic tatweel and the optional Arabic and Hebrew vowel points are skipped inside
/// a word; full-width Latin letters and digits are their ASCII letters; Turkish `İ` and
/// `ı` fold to `i`; and the Arabic alef with hamza or madda, Persian yeh and keheh fold to
/// plain alef, yeh and kaf.
@_spi(Stages) public enum Tokenizer {
    /// The longest normalized token kept in the stack buffer; longer ones hash in chunks.
    /// The kernel's limit, so that both paths hash a token of any length the same way.
    @usableFromInline static let scratchCapacity = Int(REFRAIN_TOKEN_MAXIMUM)

    /// Scratch room past `scratchCapacity`: a chunk is hashed when the next letter comes.
    @usableFromInline static let chunkSlack = 16

    /// ASCII letters and digits fold to their lower-case byte; every other ASCII byte maps to 0.
    @usableFromInline static let asciiFold: [UInt8] = (0..<128).map { byte -> UInt8 in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt8(byte)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt8(byte) | 0x20
        default: return 0
        }
    }

    /// Calls `body` with each token in `range`: its XXH3-64 hash and its byte span.
    ///
    /// - Parameters:
    ///   - bytes: The document's bytes.
    ///   - range: The byte range to tokenize.
    ///   - fastPath: Whether ASCII words go to the SSE2 kernel (`refrain_tokenize_ascii`);
    ///     `false` reads every byte on the general path, which tests compare it with.
    ///   - body: Called once per token with `(hash, start, end)`.
    /// - Complexity: O(*n*) in the range's length; no heap allocation.
    @inlinable
    public static func forEachToken(
        in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, fastPath: Bool = true,
        _ body: (_ hash: UInt64, _ start: Int, _ end: Int) -> Void
    ) {
        forEachBatch(in: bytes, range: range, fastPath: fastPath) { batch in
            for token in 0..<batch.hashes.count { body(batch.hashes[token], batch.starts[token], batch.ends[token]) }
        }
    }

    /// Calls `body` with each token's byte span in `range`, hashing nothing: for callers
    /// that need where tokens are, not what they are (the labeler, which tokenizes a
    /// recurring paragraph again to turn covered token runs into byte spans).
    ///
    /// - Complexity: O(*n*) in the range's length; no heap allocation.
    @inlinable
    public static func forEachTokenSpan(
        in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, fastPath: Bool = true, _ body: (_ start: Int, _ end: Int) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * batchCapacity) { spans in
            let starts = spans.baseAddress!
            let ends = starts + batchCapacity
            fill(in: bytes, range: range, fastPath: fastPath, hashes: nil, starts: starts, ends: ends, capacity: batchCapacity) {
                count in
                for token in 0..<count { body(starts[token], ends[token]) }
            }
        }
    }

    /// Consecutive tokens: their hashes and byte spans, in three parallel buffers (so a
    /// caller that keeps only hashes and starts copies each with one `memcpy`).
    @usableFromInline
    struct Batch {
        /// Each token's XXH3-64 hash.
        @usableFromInline var hashes: UnsafeBufferPointer<UInt64>
        /// Each token's first byte.
        @usableFromInline var starts: UnsafeBufferPointer<Int>
        /// Each token's end (one past its last byte).
        @usableFromInline var ends: UnsafeBufferPointer<Int>

        @inlinable
        init(hashes: UnsafeBufferPointer<UInt64>, starts: UnsafeBufferPointer<Int>, ends: UnsafeBufferPointer<Int>) {
            self.hashes = hashes
            self.starts = starts
            self.ends = ends
        }
    }

    /// The tokens of a batch: at most this many per call of a `forEachBatch` body.
    @usableFromInline static let batchCapacity = 64

    /// Calls `body` with the tokens in `range`, in order, up to `batchCapacity` at a time:
    /// one call per batch rather than per token, for the hot path.
    ///
    /// - Complexity: O(*n*) in the range's length; no heap allocation.
    @inlinable
    static func forEachBatch(
        in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, fastPath: Bool = true,
        _ body: (Batch) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: batchCapacity) { hashes in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * batchCapacity) { spans in
                let starts = spans.baseAddress!
                let ends = starts + batchCapacity
                fill(
                    in: bytes, range: range, fastPath: fastPath, hashes: hashes.baseAddress!, starts: starts, ends: ends,
                    capacity: batchCapacity
                ) { count in
                    body(
                        Batch(
                            hashes: UnsafeBufferPointer(start: hashes.baseAddress!, count: count),
                            starts: UnsafeBufferPointer(start: starts, count: count),
                            ends: UnsafeBufferPointer(start: ends, count: count)))
                }
            }
        }
    }

    /// What `fill` knows about the batch and the open token between bytes.
    @usableFromInline
    struct FillState {
        @usableFromInline var pending = 0  // tokens in batch
        @usableFromInline var length = 0  // bytes of the open token in scratch
        @usableFromInline var chain: UInt64 = 0  // hash of earlier chunks of an over-long token
        @usableFromInline var chained = false
        @usableFromInline var tokenStart = -1
        @usableFromInline var tokenEnd = 0
        /// A token of one character (Han, Kana) stays open only for combining marks.
        @usableFromInline var characterOpen = false
        /// The token holds a mark or jamo that NFC may compose with what precedes it, and
        /// was not composed here: it is hashed in NFC.
        @usableFromInline var composes = false
        /// The last letter appended (folded) and where it starts in scratch, so that a
        /// combining mark after it is composed in place (0 and -1: none, or unknown).
        @usableFromInline var base: UInt32 = 0
        @usableFromInline var baseStart = -1

        @inlinable init() {}
    }

    /// Writes the tokens in `range`, in order, to `hashes`, `starts` and `ends`, calling
    /// `full` with the number written each time `capacity` are, and at the end. The batch
    /// is then written again from the start of the buffers.
    ///
    /// With room for `range.count` tokens (a token has at least one byte), `full` is called
    /// once, with every token in place: the sketcher tokenizes into its own arrays this way,
    /// with no copy. With `hashes` nil, only the spans are written, and nothing is hashed.
    ///
    /// - Complexity: O(*n*) in the range's length; no heap allocation.
    @inlinable
    static func fill(
        in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, fastPath: Bool = true,
        hashes: UnsafeMutablePointer<UInt64>?, starts: UnsafeMutablePointer<Int>, ends: UnsafeMutablePointer<Int>,
        capacity: Int, _ full: (Int) -> Void
    ) {
        asciiFold.withUnsafeBufferPointer { fold in
            // Room past the chunk for the scalar that crosses it, and for a mark that composes
            // with it before the chunk is hashed.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scratchCapacity + chunkSlack) { scratch in
                // The open token's state, passed to the helpers below rather than captured:
                // variables a local function captures are checked for exclusive access at run time.
                var s = FillState()

                @inline(__always) func emitFullBatch(_ s: inout FillState) {
                    if s.pending == capacity {
                        full(s.pending)
                        s.pending = 0
                    }
                }
                // Hashes the token's first `scratchCapacity` bytes as a chunk and keeps the rest:
                // a chunk is cut at the next letter past its end, not at its last byte, so that
                // a mark after the letter it ends on still composes with it.
                @inline(__always) func chunk(_ s: inout FillState) {
                    if hashes != nil {
                        s.chain = XXH3.hash(UnsafeRawBufferPointer(start: scratch.baseAddress, count: scratchCapacity), seed: s.chain | 1)
                    }
                    s.chained = true
                    let rest = s.length - scratchCapacity
                    for offset in 0..<rest { scratch[offset] = scratch[scratchCapacity + offset] }
                    s.length = rest
                    s.baseStart = s.baseStart >= scratchCapacity ? s.baseStart - scratchCapacity : -1
                }
                @inline(__always) func flush(_ s: inout FillState) {
                    guard s.tokenStart >= 0 else { return }
                    if s.length > scratchCapacity { chunk(&s) }
                    if let hashes {
                        let raw = UnsafeRawBufferPointer(start: scratch.baseAddress, count: s.length)
                        if s.composes, !s.chained {
                            hashes[s.pending] = composedHash(raw)
                        } else {
                            hashes[s.pending] = s.chained ? XXH3.hash(raw, seed: s.chain | 1) : XXH3.hash(raw)
                        }
                    }
                    s.characterOpen = false
                    s.composes = false
                    s.base = 0
                    s.baseStart = -1
                    starts[s.pending] = s.tokenStart
                    ends[s.pending] = s.tokenEnd
                    s.pending += 1
                    emitFullBatch(&s)
                    s.length = 0
                    s.chained = false
                    s.tokenStart = -1
                }
                @inline(__always) func append(_ s: inout FillState, _ byte: UInt8) {
                    // Full only after a long run of marks: no letter came to cut the chunk.
                    if s.length == scratchCapacity + chunkSlack { chunk(&s) }
                    scratch[s.length] = byte
                    s.length += 1
                }
                @inline(__always) func appendScalar(_ s: inout FillState, _ value: UInt32) {
                    let (packed, count) = utf8Encoded(value)
                    for offset in 0..<count { append(&s, UInt8(truncatingIfNeeded: packed >> (8 * offset))) }
                }
                // A scalar as the text spells it: its own bytes, or its UTF-8 for a reference.
                @inline(__always) func appendSource(_ s: inout FillState, _ value: UInt32, _ index: Int, _ width: Int, _ isReference: Bool)
                {
                    if isReference {
                        appendScalar(&s, value)
                    } else {
                        for offset in 0..<width { append(&s, bytes[index + offset]) }
                    }
                }
                @inline(__always) func startsWord(_ index: Int) -> Bool {
                    guard index < range.upperBound else { return false }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "&") { return CharacterReference.startsWord(bytes, at: index, end: range.upperBound) }
                    return byte >= 0x80 ? byte >= 0xC0 : fold[Int(byte)] != 0
                }

                var index = range.lowerBound
                let end = range.upperBound
                var refused = -1  // where the kernel last handed a word back
                while index < end {
                    let byte = bytes[index]
                    // A character reference ("&amp;", "&eacute;", "&#8217;") is read as the
                    // character it stands for: an ASCII one here, any other below.
                    var reference: (value: UInt32, length: Int)? = nil
                    if byte == UInt8(ascii: "&"), let found = CharacterReference.decode(bytes, at: index, end: end) {
                        if found.value >= 0x80 {
                            reference = found
                        } else {
                            let value = UInt8(truncatingIfNeeded: found.value)
                            let folded = fold[Int(value)]
                            if s.characterOpen { flush(&s) }
                            if folded != 0 {
                                if s.tokenStart < 0 { s.tokenStart = index }
                                if s.length >= scratchCapacity { chunk(&s) }
                                s.base = UInt32(folded)
                                s.baseStart = s.length
                                append(&s, folded)
                                s.tokenEnd = index + found.length
                            } else if !(value == UInt8(ascii: "'") && s.tokenStart >= 0 && startsWord(index + found.length)) {
                                flush(&s)
                            }
                            index += found.length
                            continue
                        }
                    }
                    if byte < 0x80, reference == nil {
                        if s.characterOpen { flush(&s) }
                        let folded = fold[Int(byte)]
                        if folded != 0 {
                            if s.tokenStart < 0 {
                                if fastPath, index != refused {
                                    // The kernel takes ASCII words until it meets a case
                                    // only this path decides, or fills the batch.
                                    var produced = 0
                                    index = refrain_tokenize_ascii(
                                        bytes.baseAddress!, bytes.count, index, end, hashes.map { $0 + s.pending },
                                        starts + s.pending, ends + s.pending, capacity - s.pending, &produced)
                                    s.pending += produced
                                    if s.pending == capacity {
                                        emitFullBatch(&s)
                                    } else {
                                        refused = index
                                    }
                                    continue
                                }
                                s.tokenStart = index
                            }
                            // The words the kernel hands back (before an apostrophe or a
                            // non-ASCII letter, or longer than the scratch buffer) go on
                            // byte by byte.
                            if s.length >= scratchCapacity { chunk(&s) }
                            s.base = UInt32(folded)
                            s.baseStart = s.length
                            append(&s, folded)
                            index += 1
                            s.tokenEnd = index
                        } else if byte == UInt8(ascii: "'"), s.tokenStart >= 0, startsWord(index + 1) {
                            index += 1
                        } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "."), s.tokenStart >= 0,
                            bytes[index - 1] &- 0x30 < 10, index + 1 < end, bytes[index + 1] &- 0x30 < 10
                        {
                            // A digit group or decimal point inside a number ("90,000", "3.5")
                            // keeps it one word: an updated figure is one word changed, and no
                            // recycled span ends inside a number.
                            if s.length >= scratchCapacity { chunk(&s) }
                            s.base = 0
                            append(&s, byte)
                            index += 1
                        } else if byte == UInt8(ascii: "_"), s.tokenStart >= 0, startsWord(index + 1) {
                            if s.length >= scratchCapacity { chunk(&s) }
                            s.base = 0
                            append(&s, byte)
                            index += 1
                        } else {
                            flush(&s)
                            index += 1
                        }
                        continue
                    }
                    // The basic Cyrillic letters (U+0400-U+045F, two bytes each), most of Russian,
                    // Ukrainian, Bulgarian and Serbian news, go the way `.word` below takes them,
                    // folded here without the general classification.
                    if fastPath, reference == nil, byte &- 0xD0 < 2, index + 1 < end, bytes[index + 1] & 0xC0 == 0x80,
                        byte == 0xD0 || bytes[index + 1] < 0xA0
                    {
                        let value = UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                        if s.characterOpen { flush(&s) }
                        if s.length >= scratchCapacity { chunk(&s) }
                        if s.tokenStart < 0 { s.tokenStart = index }
                        s.tokenEnd = index + 2
                        let folded = value < 0x0410 ? value + 0x50 : value < 0x0430 ? value + 0x20 : value
                        s.base = folded
                        s.baseStart = s.length
                        append(&s, UInt8(truncatingIfNeeded: 0xC0 | folded >> 6))
                        append(&s, UInt8(truncatingIfNeeded: 0x80 | folded & 0x3F))
                        index += 2
                        continue
                    }
                    // The unified Han ideographs (U+4E00-U+9FFF, three bytes each) are a token
                    // each, as `.character` below makes them.
                    if fastPath, reference == nil, byte &- 0xE4 < 6, index + 2 < end, bytes[index + 1] & 0xC0 == 0x80,
                        bytes[index + 2] & 0xC0 == 0x80, byte != 0xE4 || bytes[index + 1] >= 0xB8
                    {
                        flush(&s)
                        s.tokenStart = index
                        s.base = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                        s.baseStart = s.length
                        append(&s, byte)
                        append(&s, bytes[index + 1])
                        append(&s, bytes[index + 2])
                        index += 3
                        s.tokenEnd = index
                        s.characterOpen = true
                        continue
                    }
                    guard let (value, width) = reference ?? ByteClass.decodeScalar(bytes, at: index, end: end) else {
                        flush(&s)
                        index += 1
                        continue
                    }
                    let kind = classify(value)
                    if s.characterOpen, kind != .mark, kind != .ignored { flush(&s) }
                    // Cut only before a letter that joins the token: a token of exactly
                    // `scratchCapacity` bytes hashes whole whatever follows it, as on the kernel.
                    if s.length >= scratchCapacity, kind == .word { chunk(&s) }
                    switch kind {
                    case .apostrophe where s.tokenStart >= 0 && startsWord(index + width):
                        break
                    case .ignored:
                        break
                    case .word:
                        if s.tokenStart < 0 { s.tokenStart = index }
                        s.tokenEnd = index + width
                        // A Hangul vowel or final jamo after the jamo or syllable it completes.
                        if value &- 0x1160 < 0xA0 {
                            if s.baseStart >= 0, let syllable = hangulSyllable(s.base, value) {
                                s.length = s.baseStart
                                appendScalar(&s, syllable)
                                s.base = syllable
                                break
                            }
                            s.composes = true
                        }
                        // Greek Extended holds letters with oxia that NFC replaces by the
                        // same letters with tonos (U+1F71 is U+03AC): polytonic keyboards type them.
                        if value &- 0x1F70 < 0x90 { s.composes = true }
                        let folded = folded(value)
                        s.base = folded
                        s.baseStart = s.length
                        if folded == value {
                            appendSource(&s, value, index, width, reference != nil)
                        } else if folded != 0 {
                            appendScalar(&s, folded)
                        } else {
                            s.base = 0
                            // Written here, not through a helper taking `append`: a local function
                            // used as a value makes every variable it captures a box, checked for
                            // exclusive access at run time.
                            let scalar = Unicode.Scalar(value)!
                            if scalar.properties.changesWhenLowercased {
                                // A small string: no heap allocation for a single scalar's mapping.
                                for byte in scalar.properties.lowercaseMapping.utf8 { append(&s, byte) }
                            } else {
                                appendSource(&s, value, index, width, reference != nil)
                            }
                        }
                    case .mark:
                        if s.tokenStart < 0 { s.tokenStart = index }
                        s.tokenEnd = index + width
                        // İ decomposed (I and a dot above) is i, as İ is.
                        if value == 0x0307, s.base == 0x69 { break }
                        if composesInNFC(value) {
                            if s.baseStart >= 0, let composed = compositions[UInt64(s.base) << 32 | UInt64(value)] {
                                s.length = s.baseStart
                                appendScalar(&s, composed)
                                s.base = composed
                                break
                            }
                            s.composes = true
                        }
                        // A vowel sign can be the first part of a two-part one (Bengali ে then া).
                        s.base = value
                        s.baseStart = s.length
                        appendSource(&s, value, index, width, reference != nil)
                    case .character:
                        flush(&s)
                        // A compatibility ideograph is its unified ideograph in NFC.
                        if value &- 0xF900 < 0x200 || value &- 0x2F800 < 0x220 { s.composes = true }
                        s.tokenStart = index
                        s.base = value
                        s.baseStart = s.length
                        // These scripts have no case.
                        appendSource(&s, value, index, width, reference != nil)
                        s.tokenEnd = index + width
                        s.characterOpen = true
                    default:
                        flush(&s)
                    }
                    index += width
                }
                flush(&s)
                if s.pending > 0 { full(s.pending) }
            }
        }
    }

    /// A scalar in UTF-8: its bytes, first in the low byte, and their count.
    @usableFromInline @inline(__always)
    static func utf8Encoded(_ value: UInt32) -> (packed: UInt32, count: Int) {
        if value < 0x80 { return (value, 1) }
        if value < 0x800 { return ((0xC0 | value >> 6) | (0x80 | value & 0x3F) << 8, 2) }
        if value < 0x10000 { return ((0xE0 | value >> 12) | (0x80 | value >> 6 & 0x3F) << 8 | (0x80 | value & 0x3F) << 16, 3) }
        return ((0xF0 | value >> 18) | (0x80 | value >> 12 & 0x3F) << 8 | (0x80 | value >> 6 & 0x3F) << 16 | (0x80 | value & 0x3F) << 24, 4)
    }

    /// Tokenizes a range into arrays of hashes and spans (for tests and reports, not the hot path).
    public static func tokens(in bytes: [UInt8], range: Range<Int>? = nil) -> [(hash: UInt64, span: ByteRange)] {
        var result: [(hash: UInt64, span: ByteRange)] = []
        bytes.withUnsafeBufferPointer { buffer in
            forEachToken(in: buffer, range: range ?? 0..<buffer.count) { hash, start, end in
                result.append((hash, ByteRange(start, end)))
            }
        }
        return result
    }

    @usableFromInline
    enum ScalarClass { case word, character, mark, apostrophe, ignored, separator }

    /// Classifies a non-ASCII scalar.
    @usableFromInline
    static func classify(_ value: UInt32) -> ScalarClass {
        switch value {
        // U+2018, the full-width apostrophe and the acute accent inside a word are
        // apostrophes typed with the wrong key or curled the wrong way: "don‘t" is "don't",
        // and "l´État" (a Spanish or Portuguese keyboard's ´) is "l'État" to a reader.
        case 0x2019, 0x02BC, 0x2018, 0xFF07, 0x00B4: return .apostrophe
        case 0x3099, 0x309A: return .mark  // kana voicing marks, inside the kana block
        case 0x200B: return .separator  // the zero-width space marks a word boundary
        case 0x0640,  // Arabic tatweel, which only stretches a word
            0x064B...0x065F, 0x0670,  // Arabic vowel points
            0x0591...0x05BD, 0x05BF, 0x05C1, 0x05C2, 0x05C4, 0x05C5, 0x05C7:  // Hebrew points
            return .ignored
        case 0x00C0...0x024F:  // Latin-1 letters, Latin Extended-A and B
            return value == 0x00D7 || value == 0x00F7 ? .separator : .word
        case 0x0391...0x03CE, 0x0400...0x0481, 0x048A...0x052F,  // Greek, Cyrillic
            0x05D0...0x05EA, 0x0620...0x063F, 0x0641...0x064A,  // Hebrew, Arabic
            0xAC00...0xD7A3:  // Hangul syllables
            return value == 0x03A2 ? .separator : .word
        case 0x2010...0x2027, 0x2030...0x205E:  // dashes, quotes, bullets: General Punctuation
            return .separator
        case 0x0E00...0x0EFF,  // Thai, Lao
            0x1000...0x109F,  // Myanmar
            0x1780...0x17FF,  // Khmer
            0x3040...0x30FF,  // Hiragana, Katakana
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF:  // Han
            return .character
        default:
            break
        }
        return classifyByCategory(value)
    }

    /// Classifies a scalar by its Unicode general category: what `classify` does for the
    /// scalars of no block it names, and what its named punctuation ranges agree with.
    @usableFromInline
    static func classifyByCategory(_ value: UInt32) -> ScalarClass {
        guard let scalar = Unicode.Scalar(value) else { return .separator }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return .word
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        case .format:
            return .ignored
        default:
            return .separator
        }
    }

    /// Whether a combining mark may compose with the letter before it in NFC: the
    /// combining diacritics of Latin, Greek and Cyrillic, the kana voicing marks, and the
    /// second parts of the Indic, Myanmar and Balinese vowel signs and nukta letters.
    @usableFromInline @inline(__always)
    static func composesInNFC(_ value: UInt32) -> Bool {
        value &- 0x0300 < 0x70 || value &- 0x1DC0 < 0x40 || value &- 0x20D0 < 0x30 || value &- 0xFE20 < 0x10
            || value &- 0x3099 < 2 || (value &- 0x0900 < 0x1300 && composingMarks.contains(value))
    }

    /// The marks that end a composition in `compositions` between U+0900 and U+1BFF.
    @usableFromInline static let composingMarks: Set<UInt32> = Set(
        compositions.keys.map { UInt32(truncatingIfNeeded: $0) }.filter { $0 &- 0x0900 < 0x1300 })

    /// Canonical compositions of a letter and a combining mark, `base << 32 | mark` to the
    /// precomposed letter, for Latin, Greek, Cyrillic and kana: composed in place as marks
    /// come, NFD text costs what NFC does, and Foundation's NFC of a whole token is left for
    /// the rare rest. Made from Foundation's decompositions once, on the first mark; a letter
    /// that NFC leaves decomposed (a composition exclusion) is left out.
    @usableFromInline static let compositions: [UInt64: UInt32] = {
        var table: [UInt64: UInt32] = [:]
        let ranges: [ClosedRange<UInt32>] = [
            0x00C0...0x024F, 0x0370...0x03FF, 0x0400...0x04FF, 0x0900...0x0DFF, 0x1000...0x109F, 0x1B00...0x1B7F,
            0x1E00...0x1FFF, 0x3040...0x30FF,
        ]
        var byLength: [[(UInt32, [UInt32])]] = Array(repeating: [], count: 5)
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            let decomposed = text.decomposedStringWithCanonicalMapping
            let parts = decomposed.unicodeScalars.map(\.value)
            // Compared by scalars: String's == holds for canonically equivalent strings, so it
            // would not tell that NFC gives U+03AC where U+1F71 (oxia) was decomposed.
            guard (2...4).contains(parts.count), decomposed.precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value) == [value]
            else { continue }
            byLength[parts.count].append((value, parts))
        }
        // Shortest first: a letter of two marks is the letter of the first, then the second.
        for entries in byLength {
            for (value, parts) in entries {
                var prefix = parts[0]
                for mark in parts[1..<(parts.count - 1)] {
                    guard let next = table[UInt64(prefix) << 32 | UInt64(mark)] else {
                        prefix = 0
                        break
                    }
                    prefix = next
                }
                if prefix != 0 { table[UInt64(prefix) << 32 | UInt64(parts[parts.count - 1])] = value }
            }
        }
        return table
    }()

    /// The Hangul syllable a leading consonant and a vowel, or a syllable without a final
    /// and a final consonant, make (Unicode's arithmetic composition), or `nil`.
    @usableFromInline @inline(__always)
    static func hangulSyllable(_ first: UInt32, _ second: UInt32) -> UInt32? {
        if first &- 0x1100 < 19, second &- 0x1161 < 21 { return 0xAC00 + ((first - 0x1100) * 21 + (second - 0x1161)) * 28 }
        if first &- 0xAC00 < 11172, (first - 0xAC00) % 28 == 0, second &- 0x11A8 < 27 { return first + (second - 0x11A7) }
        return nil
    }

    /// XXH3-64 of a token's bytes in NFC: what the token hashes to when written precomposed.
    @usableFromInline
    static func composedHash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var composed = String(decoding: raw, as: UTF8.self).precomposedStringWithCanonicalMapping
        return composed.withUTF8 { utf8 in
            // A composed token past the scratch buffer would hash in chunks: keep it as written.
            utf8.count <= scratchCapacity ? XXH3.hash(UnsafeRawBufferPointer(utf8)) : XXH3.hash(raw)
        }
    }

    /// A word scalar's folded form where it is known without Unicode's property tables:
    /// itself for a letter without case, its lower case for Latin-1, Greek and Cyrillic
    /// capitals, or one of the foldings the type's documentation lists; 0 for any other
    /// scalar, which the tokenizer lowercases. At most U+FFFF.
    ///
    /// Unicode's property tables are slow to consult for every letter of accented text.
    @usableFromInline @inline(__always)
    static func folded(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x00C0...0x00DE: return value == 0x00D7 ? 0 : value + 0x20
        case 0x00DF...0x00FF: return value == 0x00F7 ? 0 : value
        case 0x0130, 0x0131: return 0x69  // Turkish İ and ı: i
        case 0x0391...0x03A9: return value == 0x03A2 ? 0 : value + 0x20
        case 0x03AC...0x03CE: return value
        case 0x0400...0x040F: return value + 0x50
        case 0x0410...0x042F: return value + 0x20
        case 0x0430...0x045F: return value
        case 0x05D0...0x05EA: return value
        case 0x0622, 0x0623, 0x0625, 0x0671: return 0x0627  // alef with madda, hamza or wasla: alef
        case 0x0624: return 0x0648  // waw with hamza: waw (the hamza mark is skipped in NFD)
        case 0x0626: return 0x064A  // yeh with hamza: yeh
        case 0x06C0: return 0x06D5  // heh with yeh above: heh
        case 0x06C2: return 0x06C1  // heh goal with hamza: heh goal
        case 0x06D3: return 0x06D2  // yeh barree with hamza: yeh barree
        case 0x06CC: return 0x064A  // Persian yeh: Arabic yeh
        case 0x06A9: return 0x0643  // keheh: Arabic kaf
        case 0x0620...0x063F, 0x0641...0x064A: return value
        case 0xAC00...0xD7A3: return value  // Hangul syllables
        // Indic, Hangul jamo and Balinese letters have no case: kept, so a mark composes with them.
        case 0x0900...0x0DFF, 0x1100...0x11FF, 0x1B00...0x1B7F: return value
        case 0xFF10...0xFF19, 0xFF41...0xFF5A: return value &- 0xFEE0  // full-width digits, small letters
        case 0xFF21...0xFF3A: return (value &- 0xFEE0) | 0x20  // full-width capitals
        default: return 0
        }
    }

}
