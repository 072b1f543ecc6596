import Testing
@testable import TelexScreen

@Suite struct ColorTests {
    @Test(arguments: [
        ((0, 0, 0), 16), ((255, 255, 255), 231), ((255, 0, 0), 196), ((0, 0, 255), 21), ((128, 128, 128), 244),
        ((0x30, 0x30, 0x30), 236), ((255, 204, 0), 220), ((95, 135, 175), 67),
    ] as [((UInt8, UInt8, UInt8), UInt8)])
    func aTrueColourDrawsAsTheNearestPaletteEntry(_ rgb: (UInt8, UInt8, UInt8), _ index: UInt8) {
        #expect(Color.nearestIndexed(rgb.0, rgb.1, rgb.2) == index)
    }

    @Test func paletteEntriesRoundTrip() {
        for i in UInt8(16)...255 {
            let (r, g, b) = Color.rgbOfIndexed(i)
            #expect(Color.nearestIndexed(r, g, b) == i, "\(i)")
        }
    }
}
