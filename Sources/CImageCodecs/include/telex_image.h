#ifndef TELEX_IMAGE_H
#define TELEX_IMAGE_H
// Decoding untrusted image files into small RGBA pictures, and pictures into character art.
//
// Why C: the decoders are the libraries made for each format (libjpeg-turbo, libpng, libwebp,
// giflib; libchafa for character art), and libjpeg and giflib report errors by longjmp or by
// status codes that need C around them: a longjmp must never cross Swift frames. This file is the
// whole surface Swift sees; GLib and the codec headers stay inside the .c files.
//
// Every limit is checked on the header's dimensions before any pixel buffer is allocated.

#include <stddef.h>
#include <stdint.h>

typedef enum {
    TELEX_IMAGE_FORMAT_NONE = 0,
    TELEX_IMAGE_FORMAT_JPEG = 1,
    TELEX_IMAGE_FORMAT_PNG = 2,
    TELEX_IMAGE_FORMAT_GIF = 3,
    TELEX_IMAGE_FORMAT_WEBP = 4,
} telex_image_format;

typedef enum {
    TELEX_IMAGE_OK = 0,
    /// The bytes are none of the formats above (sniffed from the magic bytes, never the Content-Type).
    TELEX_IMAGE_UNKNOWN_FORMAT = 1,
    /// The header declares more pixels (or a longer side) than allowed: nothing was allocated.
    TELEX_IMAGE_TOO_LARGE = 2,
    /// Truncated or malformed data, or a feature the decoder refuses (an animated WebP).
    TELEX_IMAGE_CORRUPT = 3,
    TELEX_IMAGE_NO_MEMORY = 4,
} telex_image_status;

/// Limits of one decode.
typedef struct {
    /// Largest width x height the header may declare (e.g. 40 000 000).
    uint64_t max_pixels;
    /// Largest width or height the header may declare.
    uint32_t max_dimension;
    /// The decoded picture is scaled down (aspect kept) to fit a square of this side.
    uint32_t fit_side;
} telex_image_limits;

/// A decoded picture: RGBA, 8 bits a channel, unassociated alpha, rows of width * 4 bytes.
typedef struct {
    uint32_t width;
    uint32_t height;
    /// The source's dimensions as its header declared them.
    uint32_t source_width;
    uint32_t source_height;
    telex_image_format format;
    uint8_t *pixels;
} telex_image;

/// The format the first bytes announce.
telex_image_format telex_image_sniff(const uint8_t *data, size_t length);

/// Decodes `data` within `limits`; on TELEX_IMAGE_OK `out->pixels` must be freed with telex_image_free.
telex_image_status telex_image_decode(const uint8_t *data, size_t length, telex_image_limits limits, telex_image *out);

void telex_image_free(telex_image *image);

/// Encodes RGBA pixels as PNG; on TELEX_IMAGE_OK `*out` (free with telex_free) holds `*out_length` bytes.
telex_image_status telex_image_encode_png(const uint8_t *rgba, uint32_t width, uint32_t height, uint8_t **out, size_t *out_length);

/// SHA-256 of bytes as 64 lowercase hex digits and a NUL (GLib's GChecksum).
void telex_sha256_hex(const uint8_t *data, size_t length, char out[65]);

void telex_free(void *pointer);

/// Colours of character art.
typedef enum {
    /// Shapes only: the terminal's own foreground and background (NO_COLOR).
    TELEX_ART_MONOCHROME = 0,
    /// The 240 indexed colours 16-255 (the first 16 follow the user's theme, so they are not used).
    TELEX_ART_INDEXED_240 = 1,
} telex_art_colors;

/// One cell of character art: a code point of display width 1, and colours as 256-colour indexes
/// (-1: the terminal's default).
typedef struct {
    uint32_t codepoint;
    int16_t foreground;
    int16_t background;
} telex_art_cell;

/// Draws RGBA pixels as `columns` x `rows` cells with libchafa (block and border symbols only, all of
/// width 1); `out` holds columns * rows cells, row by row. Returns 0, or -1 on bad arguments.
int telex_image_symbols(const uint8_t *rgba, uint32_t width, uint32_t height, uint32_t columns, uint32_t rows,
                        telex_art_colors colors, telex_art_cell *out);

/// Draws RGBA pixels as a sixel image filling `columns` x `rows` cells of `cell_width` x `cell_height`
/// pixels (libchafa, aspect kept); on 0 `*out` (free with telex_free) holds `*out_length` bytes: the DCS.
int telex_image_sixel(const uint8_t *rgba, uint32_t width, uint32_t height, uint32_t columns, uint32_t rows,
                      uint32_t cell_width, uint32_t cell_height, uint8_t **out, size_t *out_length);

#endif
