import Hashing

/// What signs for an Ethereum account: a secp256k1 key, wherever it is kept (a key in memory,
/// a hardware token). A transaction is signed by any signer (``PrivateKey`` is one); a new key
/// source adds one conforming type.
public protocol Signer: Sendable {
    /// The public key whose address the signatures recover to.
    var publicKey: PublicKey { get }

    /// Signs a 32-byte message hash (a transaction's signing hash): ECDSA over secp256k1 with
    /// a low s (s ≤ n/2, EIP-2) and the recovery id of ``publicKey``.
    /// - Throws: ``CryptoError`` when the key's keeper cannot sign (a token that is gone).
    func sign(hash: Bytes32) throws(CryptoError) -> RecoverableSignature
}
