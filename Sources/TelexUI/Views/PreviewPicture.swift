import TelexImages
import TelexModel
import TelexScreen

/// The lead picture of the item in the preview pane, as small character art (setting `preview_image`).
public struct PreviewPicture: Hashable, Sendable {
    public var itemID: ItemID
    public var url: String
    public var image: RGBAImage
    /// Drawn by the runner (`drawArt`) at `size`; nil until it arrives.
    public var art: SymbolArt?
    var requested: ArtJob?

    public init(itemID: ItemID, url: String, image: RGBAImage) { self.itemID = itemID; self.url = url; self.image = image }

    /// At most 40 columns and 8 rows of the pane, the picture's aspect kept.
    static func size(of image: RGBAImage, paneWidth: Int) -> (columns: Int, rows: Int) {
        SymbolArt.size(of: image, maxColumns: min(40, paneWidth - 2), maxRows: 8)
    }
}

extension AppState {
    /// The art the preview's picture wants at the pane's width, when it has neither it nor asked for it.
    mutating func previewArtJob() -> ArtJob? {
        guard var p = previewPicture, let rect = layout.preview, rect.width > 3, pictures.shown else { return nil }
        let size = PreviewPicture.size(of: p.image, paneWidth: rect.width)
        if let art = p.art, art.columns == size.columns, art.rows.count == size.rows { return nil }
        let job = ArtJob(url: p.url, image: p.image, columns: size.columns, rows: size.rows, colors: pictures.colors)
        if p.requested == job { return nil }
        p.requested = job
        previewPicture = p
        return job
    }

    /// Keeps drawn art that is the preview picture's at the size asked for last.
    mutating func attachPreviewArt(_ drawn: [DrawnArt]) {
        guard let p = previewPicture, let job = p.requested else { return }
        for d in drawn where d.url == job.url && d.colors == job.colors && d.art.columns == job.columns && d.art.rows.count == job.rows {
            previewPicture?.art = d.art
        }
    }

    /// The preview's picture rows to show for the selected item: its art, or blank rows while it is drawn.
    var previewArtRows: (art: SymbolArt?, rows: Int)? {
        guard let p = previewPicture, pictures.shown, p.itemID == headlines.selected?.id, let job = p.requested else { return nil }
        if let art = p.art, art.columns == job.columns, art.rows.count == job.rows { return (art, job.rows) }
        return (nil, job.rows)
    }
}
