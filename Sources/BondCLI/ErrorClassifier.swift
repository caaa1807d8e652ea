import ErrorCategories

/// Turns an error thrown anywhere in bond into the exit status and the one-line message the
/// command line reports. Domain errors say what kind of failure they are
/// (``CategorizedError/category``); ``ExitStatus/init(_:)`` is the one table from those kinds
/// to statuses. Their advice names fields and operations by domain keys, which
/// ``OptionNames`` words as this command line's options and commands.
enum ErrorClassifier {
    /// The exit status and the message for `error`.
    static func classify(_ error: any Error) -> (status: ExitStatus, message: String) {
        switch error {
        case let failure as CommandFailure:
            return (failure.status, failure.message)
        case let error as any CategorizedError:
            return (ExitStatus(error.category), error.description(naming: OptionNames.name(of:)))
        default:
            return (.software, "internal error: \(error)")
        }
    }
}
