// swift-tools-version:6.0
// bond: a command-line toolkit for energy devices that report to an EVM blockchain.
// Module layout and the reasons for it: ../shared/DESIGN.md ("Architecture").
import PackageDescription

let package = Package(
    name: "bond",
    products: [
        .executable(name: "bond", targets: ["bond"]),
    ],
    targets: [
        // System libraries, linked normally (each costs well under 1 ms at start-up).
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),

        // Domain modules: typed values in, typed values or typed errors out; no argv, stdout or exit codes.
        .target(name: "Hashing", dependencies: ["COpenSSL"]),
        .target(name: "Encoding", dependencies: ["Hashing"]),

        // The command line: argument tables, parsing, help, JSON lines, exit codes.
        .target(name: "BondCLI", dependencies: ["Encoding", "Hashing"]),
        .executableTarget(name: "bond", dependencies: ["BondCLI"]),

        .testTarget(name: "HashingTests", dependencies: ["Hashing"]),
        .testTarget(name: "EncodingTests", dependencies: ["Encoding"], exclude: ["Vectors"]),
        .testTarget(name: "BondCLITests", dependencies: ["BondCLI", "bond"], exclude: ["Shell"]),
    ]
)
