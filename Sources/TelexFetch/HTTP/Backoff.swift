import Foundation

/// Exponential backoff with jitter for failing feeds.
public enum Backoff {
    /// Seconds to wait after `failures` consecutive failures: base × 2^(failures−1), capped,
    /// then scaled by a random factor in [0.5, 1.0) so feeds that failed together spread out.
    public static func delay(failures: Int, base: TimeInterval = 300, cap: TimeInterval = 86_400,
                             random: Double = Double.random(in: 0..<1)) -> TimeInterval {
        guard failures > 0 else { return 0 }
        let exponential = base * pow(2, Double(min(failures - 1, 20)))
        return min(exponential, cap) * (0.5 + 0.5 * min(max(random, 0), 1))
    }

    /// `interval` seconds plus or minus up to `fraction` of it, so a daemon's requests do not bunch up.
    public static func jittered(_ interval: TimeInterval, fraction: Double = 0.1,
                                random: Double = Double.random(in: 0..<1)) -> TimeInterval {
        interval * (1 + fraction * (2 * min(max(random, 0), 1) - 1))
    }
}
