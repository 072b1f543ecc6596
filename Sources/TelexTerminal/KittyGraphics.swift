import TelexScreen

/// The kitty graphics protocol's commands as bytes (APC `ESC _ G <keys> ; <payload> ESC \`).
///
/// A picture is sent as PNG (`f=100`) in base64 chunks of 4096 characters with a virtual placement
/// (`U=1`) of its size in cells: the terminal draws it wherever placeholder cells name it, so it
/// moves with the cells. Replies are suppressed (`q=2`). Under tmux each command is wrapped for
/// tmux's passthrough (`allow-passthrough on`), every ESC doubled.
public enum KittyGraphics {
    static let chunk = 4096

    /// The commands that give the terminal `image` (empty when it is too large or its size in cells
    /// is past what placeholders can name: its cells then show nothing).
    public static func transmit(_ image: TerminalImage, tmux: Bool = false) -> [UInt8] {
        guard image.data.count <= TerminalImage.maxPNGBytes, !image.data.isEmpty,
              (1...KittyPlaceholder.maxIndex).contains(image.columns), (1...KittyPlaceholder.maxIndex).contains(image.rows)
        else { return [] }
        let payload = Base64.encode(image.data)
        var out: [UInt8] = []
        var start = 0
        while start < payload.count {
            let end = min(payload.count, start + chunk)
            let more = end < payload.count ? 1 : 0
            let keys = start == 0
                ? "a=T,U=1,f=100,t=d,i=\(image.id),c=\(image.columns),r=\(image.rows),q=2,m=\(more)"
                : "q=2,m=\(more)"
            out += command(keys, payload: payload[start..<end], tmux: tmux)
            start = end
        }
        return out
    }

    /// The command that deletes picture `id` and frees its data in the terminal.
    public static func delete(id: UInt8, tmux: Bool = false) -> [UInt8] {
        command("a=d,d=I,i=\(id),q=2", payload: [][...], tmux: tmux)
    }

    static func command(_ keys: String, payload: ArraySlice<UInt8>, tmux: Bool) -> [UInt8] {
        var apc: [UInt8] = [0x1B, UInt8(ascii: "_"), UInt8(ascii: "G")] + Array(keys.utf8)
        if !payload.isEmpty { apc.append(UInt8(ascii: ";")); apc += payload }
        apc += [0x1B, UInt8(ascii: "\\")]
        guard tmux else { return apc }
        var wrapped: [UInt8] = Array("\u{1B}Ptmux;".utf8)
        for b in apc { if b == 0x1B { wrapped.append(0x1B) }; wrapped.append(b) }
        return wrapped + [0x1B, UInt8(ascii: "\\")]
    }
}

/// Standard base64 (RFC 4648, padded): the only form picture bytes take on their way to the terminal.
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)],
                    rest == 2 ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="), UInt8(ascii: "=")]
        }
        return out
    }
}
