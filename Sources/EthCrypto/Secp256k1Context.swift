import CSecp256k1

/// The libsecp256k1 context bond signs and verifies with: created once per process with
/// SECP256K1_CONTEXT_NONE (the 0.2 API; all functionality) and randomized with 32 bytes from
/// OpenSSL's RAND_bytes, as libsecp256k1 recommends against side-channel leakage when signing.
///
/// A context is safe to share between threads for every operation bond does after creation
/// (libsecp256k1's header: functions taking a const context).
enum Secp256k1Context {
    nonisolated(unsafe) static let shared: OpaquePointer = {
        guard let context = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE)) else {
            fatalError("libsecp256k1 could not create a context (out of memory)")
        }
        var seed = (try? SecureRandom.bytes(32)) ?? [UInt8](repeating: 0, count: 32)
        _ = secp256k1_context_randomize(context, &seed)
        return context
    }()
}
