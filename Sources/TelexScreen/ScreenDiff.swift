/// A run of changed cells on one row: what a backend redraws.
public struct CellRun: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
}

public enum ScreenDiff {
    /// The runs of cells that differ between two buffers of the same size, left to right, top to
    /// bottom. A size change redraws everything. Runs start on a non-continuation cell so a wide
    /// glyph is always redrawn whole.
    public static func changes(from old: ScreenBuffer?, to new: ScreenBuffer) -> [CellRun] {
        var runs: [CellRun] = []
        let full = old == nil || old!.width != new.width || old!.height != new.height
        for y in 0..<new.height {
            var x = 0
            while x < new.width {
                if !full && old![x, y] == new[x, y] { x += 1; continue }
                var start = x
                while start > 0 && new[start, y].isContinuation { start -= 1 }
                var end = x
                // Extend the run while cells differ, or across a gap of up to 3 equal cells
                // (cheaper than moving the cursor).
                var equalRun = 0
                var scan = x
                while scan < new.width {
                    if full || old![scan, y] != new[scan, y] { end = scan; equalRun = 0 } else {
                        equalRun += 1
                        if equalRun > 3 { break }
                    }
                    scan += 1
                }
                while end + 1 < new.width && new[end + 1, y].isContinuation { end += 1 }
                if let last = runs.last, last.y == y, last.x + last.cells.count > start { start = last.x + last.cells.count }
                if start <= end {
                    runs.append(CellRun(x: start, y: y, cells: Array((start...end).map { new[$0, y] })))
                }
                x = end + 1
            }
        }
        return runs
    }
}
