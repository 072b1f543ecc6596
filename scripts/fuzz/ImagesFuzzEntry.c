// libFuzzer entry for the image decode path (built by scripts/fuzz-images.sh with Sources/CImageCodecs):
// the first byte picks the size the picture is scaled to fit, the rest is the file. A decoded picture
// is also drawn as character art, as the reader does. -malloc_limit_mb in the script proves no single
// allocation passes the limits' bound whatever the header claims.
#include <stdint.h>
#include <stdlib.h>
#include "telex_image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    static const uint32_t sides[4] = { 16, 64, 480, 2048 };
    telex_image_limits limits = { 40000000, 32768, sides[data[0] % 4] };
    telex_image image;
    if (telex_image_decode(data + 1, size - 1, limits, &image) == TELEX_IMAGE_OK) {
        telex_art_cell cells[20 * 6];
        telex_image_symbols(image.pixels, image.width, image.height, 20, 6, data[0] & 4 ? TELEX_ART_MONOCHROME : TELEX_ART_INDEXED_240, cells);
        uint8_t *png = NULL;
        size_t length = 0;
        if (image.width * image.height <= 4096 && telex_image_encode_png(image.pixels, image.width, image.height, &png, &length) == TELEX_IMAGE_OK)
            telex_free(png);
        telex_image_free(&image);
    }
    return 0;
}
