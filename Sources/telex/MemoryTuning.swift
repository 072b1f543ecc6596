#if canImport(Glibc)
import Glibc
#endif

/// glibc gives each thread that allocates its own malloc arena (up to 8 per core), and each arena
/// keeps the memory it once held. A fetch pass allocates on the URLSession, dispatch and
/// cooperative-pool threads; two arenas took its peak RSS down by ~6-10 MB (measured with
/// MALLOC_ARENA_MAX) and still let the writer and a parser allocate without contending.
enum MemoryTuning {
    static func apply() {
        #if canImport(Glibc)
        // mallopt is declared in <malloc.h>, which the Glibc module does not export; look it up instead.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let arenaMax: Int32 = -8 // M_ARENA_MAX
        guard getenv("MALLOC_ARENA_MAX") == nil, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, 2)
        #endif
    }
}
