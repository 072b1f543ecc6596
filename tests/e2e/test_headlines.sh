# On the demo data: navigate sections and headlines, preview, open (marks read), search, resize
# mid-session, help overlay, quit with q, terminal restored.
. "$(dirname "$0")/lib.sh"
start 120 40 "$TELEX reader --demo-data"
wait_for "Sections"
wait_for "Élections européennes"
wait_for "Preview"
# The first section is selected and its headlines show with sources and ages.
wait_for "Le Monde: International"  # the preview may come a frame after the list
assert_screen "World  1/"
# Into the headlines; the preview follows the cursor without marking read.
keys Enter
wait_for "Anaïs Dubois"
keys j
wait_for "東京で国際会議が開幕"
line=$(line_with "東京で国際会議が開幕、各国首脳が集まる ")
case "$line" in *"●"*) ;; *) fail "previewed headline lost its unread mark: $line" ;; esac
# Enter opens it in the reading view; q returns to the list, where the unread mark is gone.
keys Enter
wait_for "telex · "
keys q
wait_for "World  2/"
line=$(line_with "東京で国際会議が開幕、各国首脳が集まる ")
case "$line" in *"●"*) fail "opened headline still unread: $line" ;; esac
# m toggles read back.
keys m
wait_line "東京で国際会議が開幕、各国首脳が集まる " "●"
# Search: results as a virtual section.
keys /
wait_for "Search:"
type_text "zinsentscheidung"
keys Enter
wait_for "/ zinsentscheidung"
wait_for "Zinsentscheidung: Die Notenbank"
assert_screen "Search: zinsentscheidung"
# Resize mid-session: narrow shows one pane, its rows cut to the new width, and the status line on
# the new last row (where the old frame had an empty list row).
assert_screen "Notenbank hält sti…   6h"
resize 40 12
wait_gone "Sections"
wait_row 12 '^ Search: zinsentscheidung  1/5 +\?:help $'
[ "$(screen | sed -n 12p | wc -m)" = 41 ] || fail "the status line is not 40 columns wide: '$(screen | sed -n 12p)'"
[ "$(screen | sed -n 3p)" = "●  Zinsentscheidung: Die Notenbank…   6h" ] || fail "row 3 not refitted: '$(screen | sed -n 3p)'"
resize 120 40
wait_for "Sections"
wait_row 40 '^ Search: zinsentscheidung  1/5 {80,}\?:help $'
assert_screen "Notenbank hält sti…   6h"
# Help overlay, closed with Esc (which does not quit).
keys ?
wait_for "mark the whole view read"
keys Escape
wait_gone "mark the whole view read"
# q goes back pane by pane, then quits with status 0.
keys q q q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
assert_terminal_restored
