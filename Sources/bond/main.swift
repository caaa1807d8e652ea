import BondCLI
import Glibc

exit(Bond.main())
