import Testing

/// Every suite that uses the development node, one test at a time: some take the node down,
/// make it misbehave or mine blocks, which the others must not see.
@Suite("against the dev node", .serialized)
enum DevNodeSuite {}
