import AssayShell
import Foundation

exit(AssayMain.run(Array(CommandLine.arguments.dropFirst())))
