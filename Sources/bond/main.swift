import BondCLI
import Glibc

exit(Bond.run(Array(CommandLine.arguments.dropFirst())))
