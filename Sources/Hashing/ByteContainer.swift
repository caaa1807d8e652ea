/// Byte containers whose storage is contiguous: what the digests and encoders of bond read.
public protocol ByteContainer {
    /// Calls `body` with the bytes; the pointer is valid only inside `body`.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

extension ByteContainer {
    /// Calls `body` with the bytes typed as `UInt8`; the pointer is valid only inside `body`.
    public func withByteBuffer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeBytes { raw in try body(raw.assumingMemoryBound(to: UInt8.self)) }
    }
}

extension Array: ByteContainer where Element == UInt8 {}
extension ArraySlice: ByteContainer where Element == UInt8 {}
extension ContiguousArray: ByteContainer where Element == UInt8 {}
extension UnsafeRawBufferPointer: ByteContainer {
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(self)
    }
}
extension UnsafeBufferPointer: ByteContainer where Element == UInt8 {
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(self))
    }
}
