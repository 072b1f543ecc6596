// Image decoding for telex: see include/telex_image.h for the contract and why this is C.
#include "telex_image.h"

#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>
#include <jpeglib.h>
#include <jerror.h>
#include <png.h>
#include <webp/decode.h>

// Formats with no way to decode at a reduced size (PNG, GIF) hold the whole picture once (4 bytes a
// pixel): their pixel limit is the smaller of the caller's and this, so one decode stays under 64 MiB.
// JPEG decodes at 1/2, 1/4 or 1/8 scale and WebP scales while decoding, so they are held small.
#define TELEX_MAX_UNSCALED_PIXELS ((uint64_t)16 * 1000 * 1000)
// A progressive JPEG may have thousands of scans, each a pass over the whole picture (a CPU bomb
// libjpeg-turbo's own tools cap the same way: TJFLAG_LIMITSCANS stops at 500).
#define TELEX_MAX_JPEG_SCANS 100

telex_image_format telex_image_sniff(const uint8_t *d, size_t n) {
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) return TELEX_IMAGE_FORMAT_JPEG;
    if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) return TELEX_IMAGE_FORMAT_PNG;
    if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0)) return TELEX_IMAGE_FORMAT_GIF;
    if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0) return TELEX_IMAGE_FORMAT_WEBP;
    return TELEX_IMAGE_FORMAT_NONE;
}

static int within(uint64_t w, uint64_t h, telex_image_limits limits, uint64_t cap) {
    uint64_t max_pixels = limits.max_pixels < cap ? limits.max_pixels : cap;
    return w > 0 && h > 0 && w <= limits.max_dimension && h <= limits.max_dimension && w * h <= max_pixels;
}

/// The size that fits `side` x `side`, aspect kept (never 0, never larger than the source).
static void fitted(uint32_t w, uint32_t h, uint32_t side, uint32_t *fw, uint32_t *fh) {
    if (side == 0 || (w <= side && h <= side)) { *fw = w; *fh = h; return; }
    if (w >= h) {
        *fw = side;
        *fh = (uint32_t)(((uint64_t)h * side + w / 2) / w);
    } else {
        *fh = side;
        *fw = (uint32_t)(((uint64_t)w * side + h / 2) / h);
    }
    if (*fw == 0) *fw = 1;
    if (*fh == 0) *fh = 1;
}

/// Box-filter downscale of RGBA (colours weighted by alpha, so transparent pixels do not darken edges).
static uint8_t *downscale(const uint8_t *src, uint32_t sw, uint32_t sh, uint32_t dw, uint32_t dh) {
    uint8_t *dst = malloc((size_t)dw * dh * 4);
    if (!dst) return NULL;
    for (uint32_t y = 0; y < dh; y++) {
        uint32_t y0 = (uint32_t)((uint64_t)y * sh / dh), y1 = (uint32_t)((uint64_t)(y + 1) * sh / dh);
        if (y1 <= y0) y1 = y0 + 1;
        for (uint32_t x = 0; x < dw; x++) {
            uint32_t x0 = (uint32_t)((uint64_t)x * sw / dw), x1 = (uint32_t)((uint64_t)(x + 1) * sw / dw);
            if (x1 <= x0) x1 = x0 + 1;
            uint64_t r = 0, g = 0, b = 0, a = 0, count = 0;
            for (uint32_t sy = y0; sy < y1; sy++) {
                const uint8_t *p = src + ((size_t)sy * sw + x0) * 4;
                for (uint32_t sx = x0; sx < x1; sx++, p += 4) {
                    r += (uint64_t)p[0] * p[3]; g += (uint64_t)p[1] * p[3]; b += (uint64_t)p[2] * p[3];
                    a += p[3]; count++;
                }
            }
            uint8_t *q = dst + ((size_t)y * dw + x) * 4;
            if (a > 0) { q[0] = (uint8_t)(r / a); q[1] = (uint8_t)(g / a); q[2] = (uint8_t)(b / a); }
            else { q[0] = q[1] = q[2] = 0; }
            q[3] = (uint8_t)(a / count);
        }
    }
    return dst;
}

/// Hands `pixels` (w x h, owned) to `out`, scaled to fit `side`.
static telex_image_status finish(uint8_t *pixels, uint32_t w, uint32_t h, uint32_t side, telex_image *out) {
    uint32_t fw, fh;
    fitted(w, h, side, &fw, &fh);
    if (fw != w || fh != h) {
        uint8_t *small = downscale(pixels, w, h, fw, fh);
        free(pixels);
        if (!small) return TELEX_IMAGE_NO_MEMORY;
        pixels = small;
    }
    out->pixels = pixels;
    out->width = fw;
    out->height = fh;
    return TELEX_IMAGE_OK;
}

// MARK: JPEG (libjpeg-turbo)

struct jpeg_failure {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    int truncated;
};

static void jpeg_fail(j_common_ptr info) { longjmp(((struct jpeg_failure *)info->err)->jump, 1); }

static void jpeg_message(j_common_ptr info, int level) {
    // Warnings go nowhere (the reader owns the terminal); a premature end is a truncated file.
    if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF) ((struct jpeg_failure *)info->err)->truncated = 1;
}

static void jpeg_progress(j_common_ptr info) {
    j_decompress_ptr d = (j_decompress_ptr)info;
    if (d->input_scan_number > TELEX_MAX_JPEG_SCANS) longjmp(((struct jpeg_failure *)info->err)->jump, 1);
}

static telex_image_status decode_jpeg(const uint8_t *data, size_t length, telex_image_limits limits, telex_image *out) {
    struct jpeg_decompress_struct info;
    struct jpeg_failure failure;
    struct jpeg_progress_mgr progress;
    uint8_t *volatile pixels = NULL;
    uint8_t *volatile row = NULL;
    volatile telex_image_status status = TELEX_IMAGE_CORRUPT;
    if (length > ULONG_MAX) return TELEX_IMAGE_TOO_LARGE;
    memset(&info, 0, sizeof info);
    info.err = jpeg_std_error(&failure.manager);
    failure.manager.error_exit = jpeg_fail;
    failure.manager.emit_message = jpeg_message;
    failure.truncated = 0;
    if (setjmp(failure.jump)) {
        free(pixels); free(row);
        jpeg_destroy_decompress(&info);
        return status;
    }
    jpeg_create_decompress(&info);
    progress.progress_monitor = jpeg_progress;
    info.progress = &progress;
    jpeg_mem_src(&info, data, (unsigned long)length);
    jpeg_read_header(&info, TRUE);
    out->source_width = info.image_width;
    out->source_height = info.image_height;
    if (!within(info.image_width, info.image_height, limits, UINT64_MAX)) {
        status = TELEX_IMAGE_TOO_LARGE;
        longjmp(failure.jump, 1);
    }
    // Decode at the smallest DCT scale that still covers the size wanted.
    uint32_t longest = info.image_width > info.image_height ? info.image_width : info.image_height;
    unsigned denominator = 1;
    while (denominator < 8 && limits.fit_side > 0 && longest / (denominator * 2) >= limits.fit_side) denominator *= 2;
    info.scale_num = 1;
    info.scale_denom = denominator;
    int cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    info.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
    jpeg_start_decompress(&info);
    uint32_t w = info.output_width, h = info.output_height;
    if (!within(w, h, limits, UINT64_MAX)) { status = TELEX_IMAGE_TOO_LARGE; longjmp(failure.jump, 1); }
    pixels = malloc((size_t)w * h * 4);
    row = malloc((size_t)w * 4);
    if (!pixels || !row) { status = TELEX_IMAGE_NO_MEMORY; longjmp(failure.jump, 1); }
    while (info.output_scanline < h) {
        uint8_t *target = pixels + (size_t)info.output_scanline * w * 4;
        JSAMPROW rows[1] = { cmyk ? row : target };
        if (jpeg_read_scanlines(&info, rows, 1) != 1) break;
        if (cmyk) {
            // Adobe's CMYK JPEGs store inverted values: each channel times black gives the colour.
            for (uint32_t x = 0; x < w; x++) {
                const uint8_t *s = row + x * 4;
                target[x * 4 + 0] = (uint8_t)(s[0] * s[3] / 255);
                target[x * 4 + 1] = (uint8_t)(s[1] * s[3] / 255);
                target[x * 4 + 2] = (uint8_t)(s[2] * s[3] / 255);
                target[x * 4 + 3] = 255;
            }
        }
        if (failure.truncated) longjmp(failure.jump, 1);
    }
    if (info.output_scanline < h || failure.truncated) longjmp(failure.jump, 1);
    jpeg_finish_decompress(&info);
    if (failure.truncated) longjmp(failure.jump, 1);
    jpeg_destroy_decompress(&info);
    free(row);
    return finish(pixels, w, h, limits.fit_side, out);
}

// MARK: PNG (libpng's simplified API: it keeps its own setjmp inside)

static telex_image_status decode_png(const uint8_t *data, size_t length, telex_image_limits limits, telex_image *out) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, length)) return TELEX_IMAGE_CORRUPT;
    out->source_width = image.width;
    out->source_height = image.height;
    if (!within(image.width, image.height, limits, TELEX_MAX_UNSCALED_PIXELS)) {
        png_image_free(&image);
        return TELEX_IMAGE_TOO_LARGE;
    }
    image.format = PNG_FORMAT_RGBA;
    uint8_t *pixels = malloc(PNG_IMAGE_SIZE(image));
    if (!pixels) { png_image_free(&image); return TELEX_IMAGE_NO_MEMORY; }
    if (!png_image_finish_read(&image, NULL, pixels, 0, NULL)) {
        free(pixels);
        png_image_free(&image);
        return TELEX_IMAGE_CORRUPT;
    }
    return finish(pixels, image.width, image.height, limits.fit_side, out);
}

telex_image_status telex_image_encode_png(const uint8_t *rgba, uint32_t width, uint32_t height, uint8_t **out, size_t *out_length) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = width;
    image.height = height;
    image.format = PNG_FORMAT_RGBA;
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&image, NULL, &size, 0, rgba, 0, NULL)) return TELEX_IMAGE_CORRUPT;
    uint8_t *buffer = malloc(size);
    if (!buffer) return TELEX_IMAGE_NO_MEMORY;
    if (!png_image_write_to_memory(&image, buffer, &size, 0, rgba, 0, NULL)) { free(buffer); return TELEX_IMAGE_CORRUPT; }
    *out = buffer;
    *out_length = size;
    return TELEX_IMAGE_OK;
}

// MARK: WebP (libwebp scales while decoding)

static telex_image_status decode_webp(const uint8_t *data, size_t length, telex_image_limits limits, telex_image *out) {
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) return TELEX_IMAGE_CORRUPT;
    if (WebPGetFeatures(data, length, &config.input) != VP8_STATUS_OK) return TELEX_IMAGE_CORRUPT;
    out->source_width = (uint32_t)config.input.width;
    out->source_height = (uint32_t)config.input.height;
    // An animation needs the demuxer; the first slice shows alt text for it.
    if (config.input.has_animation) return TELEX_IMAGE_CORRUPT;
    if (!within((uint64_t)config.input.width, (uint64_t)config.input.height, limits, UINT64_MAX)) return TELEX_IMAGE_TOO_LARGE;
    uint32_t fw, fh;
    fitted((uint32_t)config.input.width, (uint32_t)config.input.height, limits.fit_side, &fw, &fh);
    if (fw != (uint32_t)config.input.width || fh != (uint32_t)config.input.height) {
        config.options.use_scaling = 1;
        config.options.scaled_width = (int)fw;
        config.options.scaled_height = (int)fh;
    }
    config.output.colorspace = MODE_RGBA;
    if (WebPDecode(data, length, &config) != VP8_STATUS_OK) {
        WebPFreeDecBuffer(&config.output);
        return TELEX_IMAGE_CORRUPT;
    }
    uint32_t w = (uint32_t)config.output.width, h = (uint32_t)config.output.height;
    uint8_t *pixels = malloc((size_t)w * h * 4);
    if (!pixels) { WebPFreeDecBuffer(&config.output); return TELEX_IMAGE_NO_MEMORY; }
    for (uint32_t y = 0; y < h; y++)
        memcpy(pixels + (size_t)y * w * 4, config.output.u.RGBA.rgba + (size_t)y * config.output.u.RGBA.stride, (size_t)w * 4);
    WebPFreeDecBuffer(&config.output);
    return finish(pixels, w, h, limits.fit_side, out);
}

// MARK: GIF (giflib, first frame only)

struct gif_source { const uint8_t *data; size_t length, offset; };

static int gif_read(GifFileType *file, GifByteType *buffer, int wanted) {
    struct gif_source *source = file->UserData;
    size_t left = source->length - source->offset;
    size_t n = wanted < 0 ? 0 : (size_t)wanted;
    if (n > left) n = left;
    memcpy(buffer, source->data + source->offset, n);
    source->offset += n;
    return (int)n;
}

static telex_image_status decode_gif(const uint8_t *data, size_t length, telex_image_limits limits, telex_image *out) {
    struct gif_source source = { data, length, 0 };
    int error = 0;
    GifFileType *file = DGifOpen(&source, gif_read, &error);
    if (!file) return TELEX_IMAGE_CORRUPT;
    uint32_t w = (uint32_t)file->SWidth, h = (uint32_t)file->SHeight;
    out->source_width = w;
    out->source_height = h;
    telex_image_status status = TELEX_IMAGE_CORRUPT;
    uint8_t *pixels = NULL;
    GifPixelType *line = NULL;
    int transparent = -1;
    if (!within(w, h, limits, TELEX_MAX_UNSCALED_PIXELS)) { status = TELEX_IMAGE_TOO_LARGE; goto done; }
    // Transparent black: what shows where the first frame does not cover the screen.
    pixels = calloc((size_t)w * h, 4);
    line = malloc(w);
    if (!pixels || !line) { status = TELEX_IMAGE_NO_MEMORY; goto done; }
    for (;;) {
        GifRecordType record;
        if (DGifGetRecordType(file, &record) == GIF_ERROR) goto done;
        if (record == TERMINATE_RECORD_TYPE) goto done; // no image at all
        if (record == EXTENSION_RECORD_TYPE) {
            int code;
            GifByteType *block;
            if (DGifGetExtension(file, &code, &block) == GIF_ERROR) goto done;
            if (code == GRAPHICS_EXT_FUNC_CODE && block && block[0] >= 4) {
                GraphicsControlBlock control;
                if (DGifExtensionToGCB(block[0], block + 1, &control) == GIF_OK) transparent = control.TransparentColor;
            }
            while (block) { if (DGifGetExtensionNext(file, &block) == GIF_ERROR) goto done; }
            continue;
        }
        if (record != IMAGE_DESC_RECORD_TYPE) continue;
        if (DGifGetImageDesc(file) == GIF_ERROR) goto done;
        GifImageDesc *desc = &file->Image;
        ColorMapObject *map = desc->ColorMap ? desc->ColorMap : file->SColorMap;
        if (!map || desc->Width <= 0 || desc->Height <= 0 || desc->Left < 0 || desc->Top < 0 ||
            (uint64_t)desc->Left + (uint64_t)desc->Width > w || (uint64_t)desc->Top + (uint64_t)desc->Height > h) goto done;
        // Interlaced frames arrive in four passes over every 8th, 8th, 4th and 2nd row.
        static const int starts[4] = { 0, 4, 2, 1 }, steps[4] = { 8, 8, 4, 2 };
        int passes = desc->Interlace ? 4 : 1;
        for (int pass = 0; pass < passes; pass++) {
            int start = desc->Interlace ? starts[pass] : 0, step = desc->Interlace ? steps[pass] : 1;
            for (int y = start; y < desc->Height; y += step) {
                if (DGifGetLine(file, line, desc->Width) == GIF_ERROR) goto done;
                uint8_t *target = pixels + ((size_t)(desc->Top + y) * w + (size_t)desc->Left) * 4;
                for (int x = 0; x < desc->Width; x++, target += 4) {
                    int index = line[x];
                    if (index == transparent || index >= map->ColorCount) continue;
                    target[0] = map->Colors[index].Red;
                    target[1] = map->Colors[index].Green;
                    target[2] = map->Colors[index].Blue;
                    target[3] = 255;
                }
            }
        }
        status = TELEX_IMAGE_OK;
        goto done;
    }
done:
    DGifCloseFile(file, &error);
    free(line);
    if (status != TELEX_IMAGE_OK) { free(pixels); return status; }
    return finish(pixels, w, h, limits.fit_side, out);
}

telex_image_status telex_image_decode(const uint8_t *data, size_t length, telex_image_limits limits, telex_image *out) {
    memset(out, 0, sizeof *out);
    if (!data) return TELEX_IMAGE_UNKNOWN_FORMAT;
    out->format = telex_image_sniff(data, length);
    switch (out->format) {
    case TELEX_IMAGE_FORMAT_JPEG: return decode_jpeg(data, length, limits, out);
    case TELEX_IMAGE_FORMAT_PNG: return decode_png(data, length, limits, out);
    case TELEX_IMAGE_FORMAT_GIF: return decode_gif(data, length, limits, out);
    case TELEX_IMAGE_FORMAT_WEBP: return decode_webp(data, length, limits, out);
    case TELEX_IMAGE_FORMAT_NONE: break;
    }
    return TELEX_IMAGE_UNKNOWN_FORMAT;
}

void telex_image_free(telex_image *image) {
    if (!image) return;
    free(image->pixels);
    image->pixels = NULL;
}

void telex_free(void *pointer) { free(pointer); }
