// swift-tools-version:6.0
// bond: a command-line toolkit for energy devices that report to an EVM blockchain.
// Module layout, what each module may import, and the reasons for it: ARCHITECTURE.md.
import PackageDescription

let package = Package(
    name: "bond",
    products: [
        .executable(name: "bond", targets: ["bond"]),
    ],
    targets: [
        // libsecp256k1, linked normally (small: well under 0.1 ms at start-up).
        .systemLibrary(
            name: "CSecp256k1",
            pkgConfig: "libsecp256k1",
            providers: [.apt(["libsecp256k1-dev"])]
        ),

        // Libraries loaded with dlopen on first use, never linked (only their headers at build
        // time): a command pays for what it uses. libcrypto (OpenSSL 3) would cost every run
        // about 0.7 ms; libcurl, libxml2 (with ICU) and libyaml more.
        .target(name: "CLibraryLoader"),
        .target(name: "COpenSSL", dependencies: ["CLibraryLoader"]),
        .target(name: "CCurlShim", dependencies: ["CLibraryLoader"]),
        // libxml2's headers live in /usr/include/libxml2 (pkg-config libxml-2.0).
        .target(name: "CXMLShim", dependencies: ["CLibraryLoader"], cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])]),
        .target(name: "CYAMLShim", dependencies: ["CLibraryLoader"]),
        // libmodbus (Debian libmodbus-dev builds it, libmodbus5 runs it) for Modbus devices.
        .target(name: "CModbusShim", dependencies: ["CLibraryLoader"]),

        // Domain modules: typed values in, typed values or typed errors out; no argv, stdout or exit codes.
        // ErrorCategories is the bottom of the graph: what kind of failure each error is.
        .target(name: "ErrorCategories"),
        .target(name: "Hashing", dependencies: ["COpenSSL"]),
        .target(name: "Encoding", dependencies: ["ErrorCategories", "Hashing"]),
        .target(name: "EthCrypto", dependencies: ["ErrorCategories", "COpenSSL", "CSecp256k1", "Hashing", "Encoding"]),
        .target(name: "Files", dependencies: ["ErrorCategories", "Encoding"]),
        .target(name: "HTTP", dependencies: ["ErrorCategories", "CCurlShim"]),
        .target(name: "Ethereum", dependencies: ["ErrorCategories", "EthCrypto", "Encoding", "Hashing", "HTTP", "Files"]),
        .target(name: "ChainLog", dependencies: ["ErrorCategories", "Hashing", "Encoding", "Files"]),
        .target(name: "Configuration", dependencies: ["ErrorCategories", "Encoding", "Files", "CYAMLShim"]),
        .target(name: "EnergyData", dependencies: ["ErrorCategories", "Encoding", "HTTP", "Files", "CXMLShim", "CModbusShim"],
                swiftSettings: [.unsafeFlags(["-Xcc", "-I/usr/include/libxml2"])]),

        // The command line: argument tables, parsing, help, JSON lines, exit codes.
        .target(name: "BondCLI", dependencies: ["ErrorCategories", "Encoding", "Hashing", "EthCrypto", "Ethereum", "HTTP", "Files", "EnergyData", "ChainLog", "Configuration"]),
        .executableTarget(name: "bond", dependencies: ["BondCLI"]),
        // In-process timings of bond's primitives for bench/run; not a product, not installed.
        .executableTarget(name: "bond-bench", dependencies: ["Hashing", "Encoding"]),

        .testTarget(name: "HashingTests", dependencies: ["Hashing"], exclude: ["Vectors"]),
        .testTarget(name: "EncodingTests", dependencies: ["Encoding"], exclude: ["Vectors"]),
        .testTarget(name: "EthCryptoTests", dependencies: ["EthCrypto", "Encoding", "Hashing", "COpenSSL"], exclude: ["Vectors"]),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "Encoding"]),
        .testTarget(name: "ChainLogTests", dependencies: ["ChainLog", "Hashing", "Encoding"]),
        .testTarget(name: "EnergyDataTests", dependencies: ["EnergyData", "Encoding"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "CCurlShim"]),
        .testTarget(name: "EthereumTests", dependencies: ["Ethereum", "EthCrypto", "Encoding", "Hashing"], exclude: ["Vectors"]),
        .testTarget(name: "BondCLITests", dependencies: ["BondCLI", "bond", "Ethereum", "HTTP", "Encoding", "Hashing"], exclude: ["Shell"]),
    ]
)
