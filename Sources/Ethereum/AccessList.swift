/// An EIP-2930 access list entry: an address and the storage keys (32 bytes each) of it that
/// the transaction declares it will touch.
public struct AccessListEntry: Equatable, Sendable {
    public var address: Address
    /// Storage keys, 32 bytes each.
    public var storageKeys: [[UInt8]]

    public init(address: Address, storageKeys: [[UInt8]]) {
        self.address = address
        self.storageKeys = storageKeys
    }
}
