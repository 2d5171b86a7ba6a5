extension Pipeline {
    /// A stage of a run, for progress reports: the scan reports sketch to label; the
    /// command reads before and writes after.
    public enum Stage: String, Sendable, CaseIterable {
        case read, sketch, match, cluster, label, write

        /// What the stage is doing, for a progress line: "sketching", "labelling".
        public var progressText: String {
            switch self {
            case .read: "reading"
            case .sketch: "sketching"
            case .match: "matching"
            case .cluster: "clustering"
            case .label: "labelling"
            case .write: "writing"
            }
        }
    }
}
