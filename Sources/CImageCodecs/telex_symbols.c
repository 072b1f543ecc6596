// Character art and hashing through libchafa and GLib (see include/telex_image.h).
#include "telex_image.h"

#include <chafa.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

void telex_sha256_hex(const uint8_t *data, size_t length, char out[65]) {
    gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, length);
    memcpy(out, hex, 64);
    out[64] = 0;
    g_free(hex);
}

int telex_image_symbols(const uint8_t *rgba, uint32_t width, uint32_t height, uint32_t columns, uint32_t rows,
                        telex_art_colors colors, telex_art_cell *out) {
    if (!rgba || !out || width == 0 || height == 0 || columns == 0 || rows == 0 || width > 65535 || height > 65535 ||
        columns > 4096 || rows > 4096) return -1;
    // Block and border symbols: narrow in every terminal font, so cells line up with the text.
    ChafaSymbolMap *map = chafa_symbol_map_new();
    chafa_symbol_map_add_by_tags(map, CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_BORDER | CHAFA_SYMBOL_TAG_SPACE);
    chafa_symbol_map_remove_by_tags(map, CHAFA_SYMBOL_TAG_WIDE);
    ChafaCanvasConfig *config = chafa_canvas_config_new();
    chafa_canvas_config_set_geometry(config, (gint)columns, (gint)rows);
    chafa_canvas_config_set_canvas_mode(config, colors == TELEX_ART_MONOCHROME ? CHAFA_CANVAS_MODE_FGBG : CHAFA_CANVAS_MODE_INDEXED_240);
    chafa_canvas_config_set_symbol_map(config, map);
    ChafaCanvas *canvas = chafa_canvas_new(config);
    chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, rgba, (gint)width, (gint)height, (gint)width * 4);
    for (uint32_t y = 0; y < rows; y++) {
        for (uint32_t x = 0; x < columns; x++) {
            telex_art_cell *cell = out + (size_t)y * columns + x;
            cell->codepoint = chafa_canvas_get_char_at(canvas, (gint)x, (gint)y);
            gint fg = -1, bg = -1;
            if (colors != TELEX_ART_MONOCHROME) chafa_canvas_get_raw_colors_at(canvas, (gint)x, (gint)y, &fg, &bg);
            cell->foreground = (int16_t)(fg >= 0 && fg < 256 ? fg : -1);
            cell->background = (int16_t)(bg >= 0 && bg < 256 ? bg : -1);
        }
    }
    chafa_canvas_unref(canvas);
    chafa_canvas_config_unref(config);
    chafa_symbol_map_unref(map);
    return 0;
}

int telex_image_sixel(const uint8_t *rgba, uint32_t width, uint32_t height, uint32_t columns, uint32_t rows,
                      uint32_t cell_width, uint32_t cell_height, uint8_t **out, size_t *out_length) {
    if (!rgba || !out || !out_length || width == 0 || height == 0 || columns == 0 || rows == 0 || width > 65535 ||
        height > 65535 || columns > 1000 || rows > 1000 || cell_width == 0 || cell_height == 0 || cell_width > 100 ||
        cell_height > 200) return -1;
    ChafaCanvasConfig *config = chafa_canvas_config_new();
    chafa_canvas_config_set_geometry(config, (gint)columns, (gint)rows);
    chafa_canvas_config_set_cell_geometry(config, (gint)cell_width, (gint)cell_height);
    chafa_canvas_config_set_pixel_mode(config, CHAFA_PIXEL_MODE_SIXELS);
    chafa_canvas_config_set_canvas_mode(config, CHAFA_CANVAS_MODE_TRUECOLOR);
    ChafaCanvas *canvas = chafa_canvas_new(config);
    chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, rgba, (gint)width, (gint)height, (gint)width * 4);
    GString *printed = chafa_canvas_print(canvas, NULL);
    int status = -1;
    uint8_t *copy = printed ? malloc(printed->len) : NULL;
    if (copy) {
        memcpy(copy, printed->str, printed->len);
        *out = copy; *out_length = printed->len; status = 0;
    }
    if (printed) g_string_free(printed, TRUE);
    chafa_canvas_unref(canvas);
    chafa_canvas_config_unref(config);
    return status;
}
