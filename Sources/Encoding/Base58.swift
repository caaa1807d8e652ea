import Hashing

/// Base58 with the Bitcoin alphabet, as Bitcoin Core's `base58.cpp` defines it.
///
/// The alphabet is `123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz`: the digits and
/// letters without `0`, `O`, `I` and `l`. A byte string is read as one big-endian number and
/// written in base 58; each leading zero byte becomes a leading `1` and back, so the empty
/// string encodes to the empty string and `00 00` to `11`.
///
/// Neither direction works digit by digit: encoding divides 64-bit words by 58^13 with a
/// precomputed reciprocal, decoding multiplies 32-bit words by 58^5, so a 34-byte item (a
/// multihash) takes a few dozen multiplications. Scratch space lives on the stack.
public enum Base58 {
    /// The 58 digits in order of value, as ASCII.
    public static var alphabet: StaticString { "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz" }

    /// Returns the Base58 text of `bytes` (any length).
    public static func encode(_ bytes: some ByteContainer) -> String {
        var out: [UInt8] = []
        bytes.withByteBuffer { appendEncoding(of: $0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the Base58 digits of `bytes` (any length) to `output` as ASCII.
    public static func appendEncoding(of bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var zeros = 0
        while zeros < bytes.count && bytes[zeros] == 0 { zeros += 1 }
        let significant = bytes.count - zeros
        // log(256)/log(58) < 1.366 digits per byte, plus one sweep of slack.
        let capacity = significant * 1366 / 1000 + 1 + chunkDigits * 3
        let wordCount = (significant + 7) / 8
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(wordCount, 1)) { words in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { digits in
                let digitCount = significant == 0 ? 0 : divideOut(UnsafeBufferPointer(rebasing: bytes[zeros...]),
                                                                 words: words, digits: digits)
                let alphabet = Base58.alphabet.utf8Start
                let start = output.count
                output.append(contentsOf: repeatElement(alphabet[0], count: zeros + digitCount))
                output.withUnsafeMutableBufferPointer { out in
                    for i in 0..<digitCount {
                        out[start + zeros + i] = alphabet[Int(digits[digitCount - 1 - i])]
                    }
                }
            }
        }
    }

    /// Writes the base-58 digit values of the number `bytes` (big-endian, no leading zero byte)
    /// into `digits`, least significant first, and returns how many there are.
    private static func divideOut(_ bytes: UnsafeBufferPointer<UInt8>, words: UnsafeMutableBufferPointer<UInt64>,
                                  digits: UnsafeMutableBufferPointer<UInt8>) -> Int {
        // The number as big-endian 64-bit words; the first word holds the 1 to 8 leading bytes.
        let wordCount = (bytes.count + 7) / 8
        var word = 0
        var filled = bytes.count % 8 == 0 ? 8 : bytes.count % 8
        var value: UInt64 = 0
        for byte in bytes {
            value = value << 8 | UInt64(byte)
            filled -= 1
            if filled == 0 {
                words[word] = value
                word += 1
                value = 0
                filled = 8
            }
        }

        // Divide by 58^13 until nothing is left; each remainder gives thirteen digits. As
        // 58^13 = 2^13 * 29^13, a division by it is a shift right by 13 bits, done on the fly as
        // the words stream past, then a division by 29^13, which fills a 64-bit word exactly
        // and so needs no normalizing shift of its own. A sweep over the words runs three such
        // divisions at once, each consuming the quotient word the one before it just produced:
        // independent dependency chains keep the multiplier busy where one chain would wait on
        // its own last result (three measured faster than two, and than four, which runs out
        // of registers).
        var digitCount = 0
        func emit(_ remainder: UInt64, _ lowBits: UInt64) {
            // The chunk is remainder * 2^13 + lowBits < 58^13: split it by 58^10 into 10 + 3 digits.
            var low = (remainder >> (64 - chunkShift)) << wideShift
            var high = divideStep(&low, remainder << chunkShift | lowBits & chunkMask)
            low >>= wideShift
            for _ in 0..<wideChunkDigits {
                digits[digitCount] = UInt8(truncatingIfNeeded: low % 58)
                low /= 58
                digitCount += 1
            }
            for _ in 0..<(chunkDigits - wideChunkDigits) {
                digits[digitCount] = UInt8(truncatingIfNeeded: high % 58)
                high /= 58
                digitCount += 1
            }
        }
        var first = 0
        while first < wordCount {
            var r0: UInt64 = 0, r1: UInt64 = 0, r2: UInt64 = 0
            var p0: UInt64 = 0, p1: UInt64 = 0, p2: UInt64 = 0
            for i in first..<wordCount {
                let w0 = words[i]
                let q0 = chunkStep(&r0, p0 << (64 - chunkShift) | w0 >> chunkShift)
                p0 = w0
                let q1 = chunkStep(&r1, p1 << (64 - chunkShift) | q0 >> chunkShift)
                p1 = q0
                words[i] = chunkStep(&r2, p2 << (64 - chunkShift) | q1 >> chunkShift)
                p2 = q1
            }
            while first < wordCount && words[first] == 0 { first += 1 }
            emit(r0, p0)
            emit(r1, p1)
            emit(r2, p2)
        }
        // The last sweep may end in zero digits above the number's top digit: drop them.
        while digitCount > 0 && digits[digitCount - 1] == 0 { digitCount -= 1 }
        return digitCount
    }

    /// Decodes Base58 text into bytes.
    ///
    /// - Parameter text: UTF-8 text of Base58 digits only (callers trim whitespace first).
    /// - Returns: the bytes; one zero byte per leading `1`. The empty text gives no bytes.
    /// - Throws: ``Base58Error/invalidCharacter(_:)`` for the first character outside the
    ///   alphabet (such as `0`, `O`, `I`, `l`, a space or any non-ASCII character), with its
    ///   1-based position counted in characters.
    public static func decode(_ text: UnsafeBufferPointer<UInt8>) throws(Base58Error) -> [UInt8] {
        let one = alphabet.utf8Start[0]
        var ones = 0
        while ones < text.count && text[ones] == one { ones += 1 }
        let significant = text.count - ones
        if significant == 0 { return [UInt8](repeating: 0, count: ones) }

        // Little-endian 32-bit words; 58^n < 256^(n * 0.7323).
        // Every character is checked before the quadratic arithmetic, so that junk is
        // refused at once however long it is.
        let invalid = digitValue.withUnsafeBufferPointer { values in text.firstIndex { values[Int($0)] == 0xFF } }
        if let invalid { throw .invalidCharacter(OffendingCharacter(in: text, at: invalid)) }
        let maxWords = (significant * 733 / 1000 + 1) / 4 + 2
        let result = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: maxWords) { words in
            digitValue.withUnsafeBufferPointer { values in
                Result { () throws(Base58Error) -> [UInt8] in
                    let used = try multiplyIn(text, from: ones, values: values, words: words)
                    return bytes(of: UnsafeBufferPointer(rebasing: words[..<used]), leadingZeros: ones)
                }
            }
        }
        return try result.get()
    }

    /// Accumulates the digits of `text` from index `start` into little-endian 32-bit `words`,
    /// five digits (one multiplication by 58^5 per word) at a time; returns the words used.
    private static func multiplyIn(_ text: UnsafeBufferPointer<UInt8>, from start: Int,
                                   values: UnsafeBufferPointer<UInt8>,
                                   words: UnsafeMutableBufferPointer<UInt32>) throws(Base58Error) -> Int {
        var used = 0
        var i = start
        let significant = text.count - start
        // The first chunk takes the odd digits so that every later chunk is a full 5.
        var chunk = significant % decodeChunkDigits == 0 ? decodeChunkDigits : significant % decodeChunkDigits
        while i < text.count {
            var value: UInt64 = 0
            var multiplier: UInt64 = 1
            for j in i..<(i + chunk) {
                let digit = values[Int(text[j])]
                if digit == 0xFF { throw .invalidCharacter(OffendingCharacter(in: text, at: j)) }
                value = value &* 58 &+ UInt64(digit)
                multiplier &*= 58
            }
            var carry = value
            for k in 0..<used {
                let product = UInt64(words[k]) &* multiplier &+ carry
                words[k] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            if carry != 0 {
                words[used] = UInt32(truncatingIfNeeded: carry)
                used += 1
            }
            i += chunk
            chunk = decodeChunkDigits
        }
        return used
    }

    /// The big-endian bytes of the number in little-endian `words`, without leading zero
    /// bytes, after `leadingZeros` zero bytes.
    private static func bytes(of words: UnsafeBufferPointer<UInt32>, leadingZeros: Int) -> [UInt8] {
        let topBytes = words.last.map { ($0.bitWidth - $0.leadingZeroBitCount + 7) / 8 } ?? 0
        let count = leadingZeros + (words.count == 0 ? 0 : (words.count - 1) * 4 + topBytes)
        return [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            var o = 0
            for _ in 0..<leadingZeros {
                out[o] = 0
                o += 1
            }
            for k in stride(from: words.count - 1, through: 0, by: -1) {
                let word = words[k]
                let byteCount = k == words.count - 1 ? topBytes : 4
                for shift in stride(from: (byteCount - 1) * 8, through: 0, by: -8) {
                    out[o] = UInt8(truncatingIfNeeded: word >> UInt32(shift))
                    o += 1
                }
            }
            initialized = o
        }
    }

    /// Decodes Base58 text held in a `String`; see ``decode(_:)-(UnsafeBufferPointer<UInt8>)``.
    /// - Throws: ``Base58Error/invalidCharacter(_:)``, as the buffer form.
    public static func decode(_ text: String) throws(Base58Error) -> [UInt8] {
        var copy = text
        let result = copy.withUTF8 { utf8 in Result { () throws(Base58Error) -> [UInt8] in try decode(utf8) } }
        return try result.get()
    }

    /// One step of dividing a big number by 58^10, a word at a time from the most significant.
    ///
    /// `remainder` carries the remainder so far, kept normalized (shifted left by
    /// ``wideShift``); `word` is the next 64-bit word of the dividend. Returns the quotient word
    /// and updates `remainder`. This is the division of a two-word number by a one-word
    /// invariant divisor with a precomputed reciprocal, Algorithm 4 of Möller and Granlund,
    /// "Improved division by invariant integers" (IEEE Trans. Computers, 2011): two
    /// multiplications instead of a hardware 128-by-64 division.
    @inline(__always)
    static func divideStep(_ remainder: inout UInt64, _ word: UInt64) -> UInt64 {
        let high = remainder | word >> (64 - wideShift)
        let low = word << wideShift
        let product = wideReciprocal.multipliedFullWidth(by: high)
        let (quotientLow, carry) = product.low.addingReportingOverflow(low)
        var quotient = product.high &+ high &+ 1 &+ (carry ? 1 : 0)
        var rest = low &- quotient &* normalizedWideBase
        // The first correction happens about half the time on random data: done with a mask,
        // since a branch on it would be mispredicted as often. The second is rare.
        let mask = UInt64(0) &- UInt64(truncatingIfNeeded: (rest > quotientLow) ? 1 : 0)
        quotient &+= mask
        rest &+= normalizedWideBase & mask
        if rest >= normalizedWideBase {
            quotient &+= 1
            rest &-= normalizedWideBase
        }
        remainder = rest
        return quotient
    }

    /// One step of dividing a big number by 29^13, a word at a time from the most significant.
    ///
    /// `remainder` carries the remainder so far (below 29^13); `word` is the next 64-bit word of
    /// the dividend. Returns the quotient word and updates `remainder`. 29^13 has its top bit
    /// set, so this is Algorithm 4 of Möller and Granlund, "Improved division by invariant
    /// integers" (IEEE Trans. Computers, 2011) as it stands: two multiplications, no shifts.
    @inline(__always)
    static func chunkStep(_ remainder: inout UInt64, _ word: UInt64) -> UInt64 {
        let product = chunkReciprocal.multipliedFullWidth(by: remainder)
        let (quotientLow, carry) = product.low.addingReportingOverflow(word)
        var quotient = product.high &+ remainder &+ 1 &+ (carry ? 1 : 0)
        var rest = word &- quotient &* chunkOddBase
        // The first correction happens about half the time on random data: done with a mask,
        // since a branch on it would be mispredicted as often. The second is rare.
        let mask = UInt64(0) &- UInt64(truncatingIfNeeded: (rest > quotientLow) ? 1 : 0)
        quotient &+= mask
        rest &+= chunkOddBase & mask
        if rest >= chunkOddBase {
            quotient &+= 1
            rest &-= chunkOddBase
        }
        remainder = rest
        return quotient
    }

    /// Encoding works in chunks of 13 digits: 58^13 = 2^13 * 29^13.
    static let chunkDigits = 13
    static let chunkShift: UInt64 = 13
    static let chunkMask: UInt64 = (1 << 13) - 1
    /// 29^13, the odd part of 58^13: 64 bits with the top one set.
    static let chunkOddBase: UInt64 = 10_260_628_712_958_602_189
    /// floor((2^128 - 1) / 29^13) - 2^64, the reciprocal ``chunkStep(_:_:)`` uses (a test
    /// recomputes it).
    static let chunkReciprocal: UInt64 = 0xCC3D_CEAF_2B8B_A99D

    /// 58^10, by which a 13-digit chunk is split for printing: the largest power of 58 below 2^64.
    static let wideBase: UInt64 = 430_804_206_899_405_824
    static let wideChunkDigits = 10
    /// The left shift that sets the top bit of 58^10 (which has 59 significant bits).
    static let wideShift: UInt64 = 5
    /// 58^10 shifted left by ``wideShift``.
    static let normalizedWideBase: UInt64 = wideBase << wideShift
    /// floor((2^128 - 1) / normalizedWideBase) - 2^64, the reciprocal ``divideStep(_:_:)``
    /// uses (a test recomputes it).
    static let wideReciprocal: UInt64 = 0x568D_F8B7_6CBF_212C

    /// Decoding works in chunks of 5 digits: 58^5 is the largest power of 58 below 2^32.
    static let decodeChunkDigits = 5

    /// The value of each byte as a Base58 digit, or 0xFF for a byte outside the alphabet.
    private static let digitValue: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Base58.alphabet
        for value in 0..<alphabet.utf8CodeUnitCount { table[Int(alphabet.utf8Start[value])] = UInt8(value) }
        return table
    }()
}
