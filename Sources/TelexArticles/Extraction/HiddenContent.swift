/// Content the reader does not see is not part of the story: what the page hides (the `hidden`
/// attribute, `aria-hidden`, inline `display:none` or `visibility:hidden`), `<noscript>` (shown
/// only without scripts: tracking pixels, duplicate images), buttons, cookie or consent dialogs
/// (shown once, then dismissed), and the slides carousels clone to loop. With one exception: such
/// an element holding most of the page's text is the page itself: hidden until a script has run
/// (pages that fade in, streamed server rendering that a script moves into place), rendered for
/// readers without scripts (forum software), or swallowed by an unclosed element in tag soup.
enum HiddenContent {
    /// Marks the hidden elements below `scope` removed; one pass.
    static func remove(in tree: inout HTMLTree, scope: Int, stats: TextStatistics) {
        let total = stats.text[scope]
        var i = scope + 1
        let stop = tree.end(scope)
        while i < stop {
            let n = tree[i]
            if n.removed || n.isText { i = tree.end(i); continue }
            let isConsent = n.hasHint && (FastText.containsAny(tree.hint(i), consentDialogs) || FastText.containsAny(tree.classHint(i), clones))
            if n.tag == .noscript || n.tag == .button || isConsent || isHidden(tree, i) && !isDisclosurePanel(tree, i),
               !isPageWrapper(tree, i, stats: stats, total: total) {
                tree.remove(i)
                i = tree.end(i)
                continue
            }
            i += 1
        }
    }

    /// An element holding most of the page's text (not a menu): the page itself, whatever its
    /// markup says (hidden until scripts run, or wrapped in a form or a popup's unclosed element).
    /// Consent dialogs can hold most of a short page's text (their cookie descriptions) and are never the page.
    static func isPageWrapper(_ tree: HTMLTree, _ i: Int, stats: TextStatistics, total: Int) -> Bool {
        total >= 500 && Double(stats.text[i]) >= 0.6 * Double(total) && stats.linkDensity(i) < 0.5
            && !FastText.containsAny(tree.hint(i), consentHints)
    }

    /// A collapsed accordion, tab or FAQ panel: hidden until the reader opens it, and part of the
    /// page (a terminal reader cannot open it, so it is shown). Menus and footers that fold are not.
    static func isDisclosurePanel(_ tree: HTMLTree, _ i: Int) -> Bool {
        let role = tree.attribute(i, .role)?.lowercased()
        if role == "menu" || role == "navigation" || role == "dialog" { return false }
        let hint = tree.hint(i)
        if FastText.containsAny(hint, folding) { return false }
        return role == "tabpanel" || role == "region" || FastText.containsAny(hint, disclosure)
    }
    static let disclosure = FastText.needles(["accordion", "collaps", "tab-pane", "tabpanel", "tab-panel", "tab-content", "tab__content",
                                              "tabs__panel", "faq", "answer", "expand", "disclosure", "toggle-content", "toggle__body"])
    static let folding = FastText.needles(["menu", "nav", "footer", "cookie", "consent", "modal", "popup", "dropdown", "submenu"])

    /// Slides a carousel repeats to loop (slick, swiper): the same text again.
    static let clones = FastText.needles(["slick-cloned", "swiper-slide-duplicate", "cloned"])
    /// Cookie and consent dialogs: never story, whatever else the page looks like.
    static let consentDialogs = FastText.needles(["consent", "gdpr", "onetrust", "cookie-banner", "cookie-notice", "cookie-law",
                                                  "cookielaw", "cookie-bar", "cookiebar", "cookie-popup", "cookie-modal",
                                                  "cookies-eu", "cookie-info", "cookie-wall", "cookiewall", "cc-window"])
    static let consentHints = FastText.needles(["consent", "cookie", "gdpr", "onetrust", "privacy"])

    private static let hiddenStyles = FastText.needles(["display:none", "visibility:hidden"])

    static func isHidden(_ tree: HTMLTree, _ index: Int) -> Bool {
        if tree.hasAttribute(index, .hidden) { return true }
        if tree.attribute(index, .ariaHidden) == "true" { return true }
        if let style = tree.attribute(index, .style) {
            // Lowercased without spaces, on bytes (Foundation's replacingOccurrences was a hot spot).
            let compact = ArraySlice(style.utf8.filter { $0 != 0x20 }.map(HTMLTree.asciiLowercased))
            if FastText.containsAny(compact, hiddenStyles) { return true }
        }
        return false
    }
}
