#!/usr/bin/env python3
"""Builds the sample edition's site tree (Resources/SampleEdition/) from the stories in this folder.

The stories are written in a small text format (stories-*.txt, see README.md beside this script);
this script lays each one out as a realistic news page (two page templates, with the chrome a real
site has: cookie banner, menu, share buttons, widgets, footer), writes the feeds (RSS 2.0, Atom 1.0,
JSON Feed 1.1) and the demo's feeds.json. Every absolute URL uses the placeholder host
http://telex-demo.invalid, which the demo server rewrites to its own base URL.

Run it after editing a story, then scripts/gen-sample-edition.py to embed the result.
"""
import datetime, glob, html, json, os, re, sys, unicodedata, zlib

HOST = "http://telex-demo.invalid"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "Resources", "SampleEdition")

SECTIONS = [  # (id, name)
    ("world", "World"), ("business", "Business"), ("sports", "Sports"),
    ("culture", "Culture"), ("europe", "Europe"), ("asia-pacific", "Asia-Pacific"),
]
# feed id -> (section, format, title, file, languages of its items)
FEEDS = [
    ("une", "world", "rss", "7seizh — À la une", "feeds/une.xml"),
    ("world", "world", "atom", "7seizh International — World", "feeds/world.atom"),
    ("business", "business", "atom", "7seizh — Business", "feeds/business.atom"),
    ("sports", "sports", "json", "7seizh — Sports", "feeds/sports.json"),
    ("culture", "culture", "rss", "7seizh — Culture", "feeds/culture.xml"),
    ("europe", "europe", "rss", "7seizh — Europe", "feeds/europe.xml"),
    ("asia-pacific", "asia-pacific", "json", "7seizh — Asia-Pacific", "feeds/asia-pacific.json"),
]

LABELS = {  # per language: READ line label, related widget title, byline prefix, share, cookie text
    "fr": dict(read="Lire aussi", related="À lire aussi", by="Par", share="Partager", tags="Mots-clés",
               recent="Articles récents", cookie="Nous utilisons des cookies pour mesurer l’audience et personnaliser les publicités. Vous pouvez accepter ou refuser à tout moment.",
               accept="Accepter", refuse="Refuser", more="En savoir plus", comments="Commentaires", newsletter="Recevez notre lettre d’information chaque matin."),
    "en": dict(read="READ", related="Related stories", by="By", share="Share", tags="Tags",
               recent="Recent posts", cookie="We use cookies to measure our audience and personalise advertising. You can change your choice at any time.",
               accept="Accept all", refuse="Reject", more="Learn more", comments="Comments", newsletter="Get our morning briefing in your inbox."),
    "de": dict(read="Mehr zum Thema", related="Mehr zum Thema", by="Von", share="Teilen", tags="Schlagwörter",
               recent="Neueste Beiträge", cookie="Wir verwenden Cookies, um die Reichweite zu messen und Werbung zu personalisieren. Sie können Ihre Wahl jederzeit ändern.",
               accept="Alle akzeptieren", refuse="Ablehnen", more="Mehr erfahren", comments="Kommentare", newsletter="Unser Morgen-Newsletter: jeden Tag um 6 Uhr."),
    "es": dict(read="Lea también", related="Noticias relacionadas", by="Por", share="Compartir", tags="Etiquetas",
               recent="Entradas recientes", cookie="Utilizamos cookies para medir la audiencia y personalizar la publicidad. Puede cambiar su elección en cualquier momento.",
               accept="Aceptar", refuse="Rechazar", more="Más información", comments="Comentarios", newsletter="Reciba nuestro boletín cada mañana."),
    "ja": dict(read="関連記事", related="関連記事", by="", share="共有", tags="タグ",
               recent="最新記事", cookie="当サイトでは、アクセス解析と広告の最適化のためにCookieを使用しています。設定はいつでも変更できます。",
               accept="同意する", refuse="拒否する", more="詳しく", comments="コメント", newsletter="毎朝のニュースレターを受け取る"),
}
MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
}
LOCALES = {"fr": "fr_FR", "en": "en_GB", "de": "de_DE", "es": "es_ES", "ja": "ja_JP"}


def fail(msg):
    sys.exit("build-site: " + msg)


# ---------------------------------------------------------------- story source format

def read_stories():
    stories = []
    for path in sorted(glob.glob(os.path.join(HERE, "stories-*.txt"))):
        text = open(path, encoding="utf-8").read()
        for block in re.split(r"^%% ", text, flags=re.M)[1:]:
            head, _, body = block.partition("\n--\n")
            lines = head.split("\n")
            story = {"slug": lines[0].strip(), "body": body.strip("\n"), "source": os.path.basename(path)}
            for line in lines[1:]:
                if not line.strip():
                    continue
                key, _, value = line.partition(":")
                story[key.strip()] = value.strip()
            for key in ("section", "lang", "title", "author", "date", "summary"):
                if key not in story:
                    fail(f"{story['slug']}: missing {key}")
            story.setdefault("feed", story["section"])
            story.setdefault("template", "classic")
            story.setdefault("meta", "yes")
            story["related_list"] = [s.strip() for s in story.get("related", "").split(",") if s.strip()]
            story["tag_list"] = [s.strip() for s in story.get("tags", "").split(",") if s.strip()]
            story["when"] = datetime.datetime.fromisoformat(story["date"])
            if story.get("decomposed") == "yes":
                # Combining marks on purpose: the title is stored decomposed (NFD), as some CMSs emit it.
                story["title"] = unicodedata.normalize("NFD", story["title"])
            stories.append(story)
    return stories


def slugify(text):
    """ASCII slug for author and tag URLs; names without Latin letters get a stable numbered slug."""
    ascii_text = unicodedata.normalize("NFKD", text.strip().lower()).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or f"u{zlib.crc32(text.encode()) % 100000}"


def esc(s):
    return html.escape(s, quote=True)


def inline(text, by_slug, lang):
    """Escapes text, then turns [label](href) into links and **x** / *x* into strong / em."""
    out = esc(text)

    def link(m):
        label, href = m.group(1), html.unescape(m.group(2))
        if href.startswith("slug:"):
            href = "/articles/" + href[5:] + ".html"
        return f'<a href="{esc(href)}">{label}</a>'

    out = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", link, out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", out)
    return out


def article_href(slug, absolute=False):
    return (HOST if absolute else "") + f"/articles/{slug}.html"


def body_html(story, by_slug):
    """The body markup: paragraphs separated by blank lines; '## ' headings; '> ' quotes ('>> ' the
    attribution); '- ' / '1. ' lists; '| ' table rows (the first is the header, '|= ' a caption);
    '!fig file | caption | credit'; 'READ: slug' (label from the language) or 'READ[label]: slug'
    related-story lines; 'READ+: slug' the same with an absolute URL on the placeholder host."""
    lang = story["lang"]
    blocks = re.split(r"\n\s*\n", story["body"])
    out = []
    for block in blocks:
        lines = [l for l in block.split("\n") if l.strip()]
        first = lines[0]
        m = re.match(r"READ(\+)?(?:\[([^\]]+)\])?:\s*(\S+)$", first)
        if m:
            absolute, label, slug = m.group(1), m.group(2) or LABELS[lang]["read"], m.group(3)
            if slug not in by_slug:
                fail(f"{story['slug']}: READ line to unknown story {slug}")
            target = by_slug[slug]
            story.setdefault("read_links", []).append(slug)
            if story["template"] == "classic":
                out.append(f'<p><strong>{esc(label)}</strong>&nbsp; <a href="{article_href(slug, bool(absolute))}">{esc(target["title"])}</a></p>')
            else:
                out.append(f'<p class="read-also"><span class="read-also__label">{esc(label)}</span> '
                           f'<a href="{article_href(slug, bool(absolute))}" class="read-also__link">{esc(target["title"])}</a></p>')
        elif first.startswith("## "):
            out.append(f"<h2>{inline(first[3:], by_slug, lang)}</h2>")
        elif first.startswith("### "):
            out.append(f"<h3>{inline(first[4:], by_slug, lang)}</h3>")
        elif first.startswith(">"):
            quote = [inline(l[1:].strip(), by_slug, lang) for l in lines if l.startswith("> ")]
            cite = [inline(l[2:].strip(), by_slug, lang) for l in lines if l.startswith(">> ")]
            inner = "".join(f"<p>{q}</p>" for q in quote)
            if cite:
                inner += f"<footer>— <cite>{cite[0]}</cite></footer>"
            out.append(f'<blockquote class="pull-quote">{inner}</blockquote>')
        elif first.startswith("- "):
            out.append("<ul>" + "".join(f"<li>{inline(l[2:], by_slug, lang)}</li>" for l in lines) + "</ul>")
        elif re.match(r"\d+\. ", first):
            out.append("<ol>" + "".join(f"<li>{inline(l.split('. ', 1)[1], by_slug, lang)}</li>" for l in lines) + "</ol>")
        elif first.startswith("|"):
            caption = [l[2:].strip() for l in lines if l.startswith("|=")]
            rows = [[c.strip() for c in l.strip().strip("|").split("|")] for l in lines if not l.startswith("|=")]
            t = '<div class="table-wrap"><table>'
            if caption:
                t += f"<caption>{inline(caption[0], by_slug, lang)}</caption>"
            t += "<thead><tr>" + "".join(f'<th scope="col">{inline(c, by_slug, lang)}</th>' for c in rows[0]) + "</tr></thead><tbody>"
            for r in rows[1:]:
                t += "<tr>" + "".join(f"<td>{inline(c, by_slug, lang)}</td>" for c in r) + "</tr>"
            out.append(t + "</tbody></table></div>")
        elif first.startswith("!fig "):
            parts = [p.strip() for p in first[5:].split("|")]
            image, caption = parts[0], parts[1]
            credit = parts[2] if len(parts) > 2 else ""
            out.append(figure_html(story, image, caption, credit, lead=False))
        else:
            out.append("<p>" + inline(" ".join(l.strip() for l in lines), by_slug, lang) + "</p>")
    return "\n".join(out)


def figure_html(story, image, caption, credit, lead):
    alt = esc(caption.split("(")[0].strip())
    src = f"/images/{image}"
    if story["template"] == "classic":
        # The seed's style: the credit in parentheses inside the caption text.
        text = esc(caption) + (f" ({esc(credit)})" if credit else "")
        return (f'<figure class="wp-block-image{" size-large" if lead else ""}">'
                f'<img src="{src}" alt="{alt}" width="1024" height="576" loading="lazy" decoding="async">'
                f'<figcaption class="wp-element-caption">{text}</figcaption></figure>')
    cred = f' <span class="media__credit">{esc(credit)}</span>' if credit else ""
    return (f'<figure class="media{" media--lead" if lead else ""}">'
            f'<picture><source srcset="{src[:-4]}.webp" type="image/webp"><img src="{src}" alt="{alt}" width="1200" height="675" loading="lazy"></picture>'
            f'<figcaption><span class="media__caption">{esc(caption)}</span>{cred}</figcaption></figure>')


def human_date(story):
    d, lang = story["when"], story["lang"]
    if lang == "ja":
        return f"{d.year}年{d.month}月{d.day}日 {d.hour}:{d.minute:02d}"
    if lang == "en":
        return f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}, {d.hour:02d}:{d.minute:02d}"
    if lang == "de":
        return f"{d.day}. {MONTHS['de'][d.month - 1]} {d.year}, {d.hour:02d}:{d.minute:02d} Uhr"
    return f"{d.day} {MONTHS[lang][d.month - 1]} {d.year} à {d.hour:02d}h{d.minute:02d}" if lang == "fr" else \
        f"{d.day} de {MONTHS[lang][d.month - 1]} de {d.year}, {d.hour:02d}:{d.minute:02d}"


# ---------------------------------------------------------------- page templates

def head_meta(story):
    url = article_href(story["slug"], absolute=True)
    section = dict(SECTIONS)[story["section"]]
    image = f"{HOST}/images/{story['image']}" if story.get("image") else f"{HOST}/images/og-default.jpg"
    parts = [f'<meta name="description" content="{esc(story["summary"])}">',
             f'<link rel="canonical" href="{url}">']
    if story["meta"] != "yes":
        return "\n".join(parts)
    parts += [
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="7seizh">',
        f'<meta property="og:locale" content="{LOCALES[story["lang"]]}">',
        f'<meta property="og:title" content="{esc(story["title"])}">',
        f'<meta property="og:description" content="{esc(story["summary"])}">',
        f'<meta property="og:url" content="{url}">',
        f'<meta property="og:image" content="{image}">',
        f'<meta property="article:published_time" content="{story["date"]}">',
        f'<meta property="article:section" content="{section}">',
    ] + [f'<meta property="article:tag" content="{esc(t)}">' for t in story["tag_list"]] + [
        '<meta name="twitter:card" content="summary_large_image">',
    ]
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "headline": story["title"], "description": story["summary"],
        "datePublished": story["date"], "dateModified": story.get("updated", story["date"]),
        "inLanguage": story["lang"], "articleSection": section,
        "author": [{"@type": "Person", "name": a.strip()} for a in story["author"].split(" and ")],
        "publisher": {"@type": "Organization", "name": "7seizh", "logo": {"@type": "ImageObject", "url": f"{HOST}/static/logo.png"}},
        "image": [image], "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "keywords": story["tag_list"],
    }
    # "</" must not appear inside a script element.
    text = json.dumps(ld, ensure_ascii=False, indent=1).replace("</", "<\\/")
    parts.append(f'<script type="application/ld+json">\n{text}\n</script>')
    return "\n".join(parts)


def nav_html():
    items = "".join(f'<li class="menu-item"><a href="/section/{sid}.html">{name}</a></li>' for sid, name in SECTIONS)
    return (f'<nav class="main-navigation" aria-label="Main menu"><button class="menu-toggle" aria-expanded="false">Menu</button>'
            f'<ul id="primary-menu" class="menu"><li class="menu-item"><a href="/">Home</a></li>{items}'
            f'<li class="menu-item"><a href="/video.html">Video</a></li></ul></nav>')


def share_html(story, lab):
    u = article_href(story["slug"], absolute=True)
    # Shares go through the site's own endpoint, as many sites do (and so no link leaves the demo host).
    nets = [("facebook", "Facebook"), ("twitter", "X"), ("whatsapp", "WhatsApp"), ("email", "E-mail")]
    links = "".join(f'<li><a class="share share--{n}" href="/share?network={n}&amp;url={esc(u)}" rel="nofollow noopener" target="_blank">{label}</a></li>'
                    for n, label in nets)
    return f'<div class="share-buttons" aria-label="{lab["share"]}"><span class="share-title">{lab["share"]}</span><ul>{links}</ul></div>'


def related_html(story, by_slug, lab):
    if not story["related_list"] or story.get("widget") == "no":
        return ""
    items = []
    for slug in story["related_list"]:
        target = by_slug.get(slug)
        if slug.endswith(".pdf"):
            continue
        if not target:
            fail(f"{story['slug']}: related to unknown story {slug}")
        kicker = dict(SECTIONS)[target["section"]]
        items.append(f'<li class="related__item"><a href="{article_href(slug)}"><span class="related__kicker">{kicker}</span> '
                     f'<span class="related__title">{esc(target["title"])}</span></a></li>')
    cls = "jp-relatedposts related-stories" if story["template"] == "classic" else "related"
    return f'<aside class="{cls}" aria-labelledby="related-title"><h2 id="related-title">{lab["related"]}</h2><ul>{"".join(items)}</ul></aside>'


def sidebar_html(story, stories, lab):
    same = [s for s in stories if s["lang"] == story["lang"] and s["slug"] != story["slug"] and s["feed"] != "none"]
    same.sort(key=lambda s: s["when"], reverse=True)
    recent = "".join(f'<li><a href="{article_href(s["slug"])}">{esc(s["title"])}</a> <span class="post-date">{human_date(s)}</span></li>' for s in same[:5])
    tags = sorted({t for s in stories if s["lang"] == story["lang"] for t in s["tag_list"]})[:14]
    cloud = " ".join(f'<a href="/tag/{slugify(t)}.html" class="tag-cloud-link">{esc(t)}</a>' for t in tags)
    return (f'<aside id="secondary" class="widget-area">'
            f'<section class="widget widget_recent_entries"><h2 class="widget-title">{lab["recent"]}</h2><ul>{recent}</ul></section>'
            f'<section class="widget widget_tag_cloud"><h2 class="widget-title">{lab["tags"]}</h2><div class="tagcloud">{cloud}</div></section>'
            f'<section class="widget widget_newsletter"><h2 class="widget-title">Newsletter</h2><p>{lab["newsletter"]}</p>'
            f'<form action="/newsletter" method="post"><input type="email" name="email" placeholder="you@example.org"><button>OK</button></form></section>'
            f'<section class="widget widget_ad"><div class="ad-slot" data-ad-unit="sidebar-300x250">Advertisement</div></section>'
            f'</aside>')


def footer_html():
    return ('<footer id="colophon" class="site-footer"><nav class="footer-navigation"><ul>'
            '<li><a href="/about.html">About us</a></li><li><a href="/contact.html">Contact</a></li>'
            '<li><a href="/privacy.html">Privacy policy</a></li><li><a href="/terms.html">Terms of use</a></li>'
            '<li><a href="/feeds.html">RSS feeds</a></li></ul></nav>'
            '<p class="site-info">© 2026 7seizh. A fictional news site: the sample edition bundled with telex. '
            'All stories, people and quotes on this site are invented, except where they retell the seed page.</p></footer>')


def page_html(story, stories, by_slug):
    lang, lab = story["lang"], LABELS[story["lang"]]
    section_name = dict(SECTIONS)[story["section"]]
    body = body_html(story, by_slug)
    lead = figure_html(story, story["image"], story.get("caption", ""), story.get("credit", ""), lead=True) if story.get("image") else ""
    by = f'{lab["by"]} ' if lab["by"] else ""
    authors = " and ".join(f'<a href="/author/{slugify(a)}.html" rel="author">{esc(a.strip())}</a>' for a in story["author"].split(" and "))
    if lang == "ja":
        authors += "（記者）"
    tags = "".join(f'<a href="/tag/{slugify(t)}.html" rel="tag">{esc(t)}</a>' for t in story["tag_list"])
    dek = f'<p class="standfirst">{inline(story["dek"], by_slug, lang)}</p>' if story.get("dek") else ""
    updated = ""
    if story.get("updated"):
        word = {"fr": "mis à jour", "de": "aktualisiert", "es": "actualizado", "ja": "更新"}.get(lang, "updated")
        updated = f' <span class="updated">({word} <time datetime="{story["updated"]}">{story["updated"][11:16]}</time>)</span>'
    cookie = (f'<div id="cookie-notice" class="cookie-banner" role="dialog" aria-live="polite"><p>{lab["cookie"]}</p>'
              f'<button class="cookie-accept">{lab["accept"]}</button> <button class="cookie-reject">{lab["refuse"]}</button> '
              f'<a href="/privacy.html">{lab["more"]}</a></div>')
    header = (f'<header id="masthead" class="site-header"><div class="top-bar"><span class="today">25.11.2026</span>'
              f'<a class="subscribe" href="/subscribe.html">Subscribe</a> <a class="login" href="/login.html">Log in</a></div>'
              f'<div class="site-branding"><p class="site-title"><a href="/" rel="home">7seizh</a></p>'
              f'<p class="site-description">Dernières nouvelles et nouvelles du monde de 7 Seizh sur les affaires, les sports et la culture.</p></div>'
              f'{nav_html()}<form class="search-form" action="/search"><input type="search" name="s" placeholder="Search…"></form></header>')
    if story["template"] == "classic":
        main = (f'<main id="main" class="site-main"><article id="post-{zlib.crc32(story["slug"].encode()) % 90000 + 10000}" class="post type-post status-publish format-standard hentry category-{story["section"]}">'
                f'<header class="entry-header"><span class="cat-links"><a href="/section/{story["section"]}.html" rel="category tag">{section_name}</a></span>'
                f'<h1 class="entry-title">{esc(story["title"])}</h1>{dek}'
                f'<div class="entry-meta"><span class="byline">{by}<span class="author vcard">{authors}</span></span> '
                f'<span class="posted-on"><time class="entry-date published" datetime="{story["date"]}">{human_date(story)}</time></span>{updated}</div></header>'
                f'{share_html(story, lab)}{lead}'
                f'<div class="entry-content">\n{body}\n</div>'
                f'<footer class="entry-footer"><span class="tags-links">{lab["tags"]}: {tags}</span></footer></article>'
                f'{related_html(story, by_slug, lab)}'
                f'<div id="comments" class="comments-area"><h2 class="comments-title">{lab["comments"]} (0)</h2><p class="no-comments">—</p></div>'
                f'</main>{sidebar_html(story, stories, lab)}')
    else:
        main = (f'<main id="content" class="page-article"><div class="breadcrumbs"><a href="/">7seizh</a> › <a href="/section/{story["section"]}.html">{section_name}</a></div>'
                f'<article class="article" data-article-id="{story["slug"]}" lang="{lang}">'
                f'<header class="article__header"><p class="article__kicker">{section_name}</p><h1 class="article__headline">{esc(story["title"])}</h1>{dek}'
                f'<div class="article__byline"><span class="article__author">{by}{authors}</span>'
                f'<time class="article__date" datetime="{story["date"]}">{human_date(story)}</time>{updated}</div></header>'
                f'{lead}{share_html(story, lab)}'
                f'<div class="article__body" itemprop="articleBody">\n{body}\n</div>'
                f'<div class="article__tags">{tags}</div>'
                f'<div class="newsletter-inline"><p>{lab["newsletter"]}</p><a class="button" href="/newsletter.html">Newsletter</a></div>'
                f'</article>{related_html(story, by_slug, lab)}'
                f'<div class="outbrain-widget" data-widget-id="AR_1"><h2>Around the web</h2><ul><li><a href="/promo/1.html">Sponsored: You won\'t believe these ten gadgets</a></li>'
                f'<li><a href="/promo/2.html">Sponsored: The one trick savers love</a></li></ul></div></main>'
                f'{sidebar_html(story, stories, lab)}')
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{esc(story["title"])} – 7seizh</title>\n{head_meta(story)}\n'
            f'<link rel="alternate" type="application/rss+xml" title="7seizh" href="{HOST}/feeds/une.xml">\n'
            f'<link rel="stylesheet" href="/static/site.css?ver=6.4.2">\n'
            f'<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "{story["section"]}", "lang": "{lang}"}});</script>\n'
            f'</head>\n<body class="single single-post postid-{story["slug"]} lang-{lang}">\n'
            f'<a class="skip-link screen-reader-text" href="#main">Skip to content</a>\n'
            f'{cookie}\n{header}\n<div id="page" class="site-content">\n{main}\n</div>\n{footer_html()}\n'
            f'<script src="/static/app.js?ver=6.4.2" defer></script>\n</body>\n</html>\n')


# ---------------------------------------------------------------- index pages

def index_page(title, lang, blocks, stories):
    """A front or section page: the same chrome as the articles, then teasers (no article element)."""
    lab = LABELS["en"]
    cookie = (f'<div id="cookie-notice" class="cookie-banner" role="dialog"><p>{lab["cookie"]}</p>'
              f'<button class="cookie-accept">{lab["accept"]}</button> <button class="cookie-reject">{lab["refuse"]}</button></div>')
    body = []
    for heading, items in blocks:
        teasers = "".join(
            f'<li class="teaser" lang="{s["lang"]}"><h3 class="teaser__title"><a href="{article_href(s["slug"])}">{esc(s["title"])}</a></h3>'
            f'<p class="teaser__summary">{esc(s["summary"])}</p><time datetime="{s["date"]}">{human_date(s)}</time></li>' for s in items)
        body.append(f'<section class="river">{f"<h2>{heading}</h2>" if heading else ""}<ul class="teasers">{teasers}</ul></section>')
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{esc(title)}</title>\n'
            f'<link rel="alternate" type="application/rss+xml" title="7seizh" href="{HOST}/feeds/une.xml">\n</head>\n<body class="home">\n{cookie}\n'
            f'<header id="masthead" class="site-header"><p class="site-title"><a href="/" rel="home">7seizh</a></p>'
            f'<p class="site-description">Dernières nouvelles et nouvelles du monde de 7 Seizh sur les affaires, les sports et la culture. Nouvelles vidéo. '
            f'Nouvelles des États-Unis, d\'Europe, d\'Asie-Pacifique, d\'Afrique, du Moyen-Orient, d\'Amérique.</p>{nav_html()}</header>\n'
            f'<main id="main">\n<h1>{esc(title)}</h1>\n' + "\n".join(body) + f'\n</main>\n{footer_html()}\n</body>\n</html>\n')


def index_pages(stories):
    listed = sorted((s for s in stories if s["feed"] != "none"), key=lambda s: s["when"], reverse=True)
    pages = {"index.html": index_page("7seizh — Dernières nouvelles", "fr",
                                      [(name, [s for s in listed if s["section"] == sid][:3]) for sid, name in SECTIONS], stories)}
    for sid, name in SECTIONS:
        pages[f"section/{sid}.html"] = index_page(f"{name} – 7seizh", "en", [("", [s for s in listed if s["section"] == sid])], stories)
    return pages


# ---------------------------------------------------------------- feeds

def rfc822(d):
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    off = d.utcoffset()
    mins = int(off.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    mins = abs(mins)
    return f"{days[d.weekday()]}, {d.day:02d} {months[d.month - 1]} {d.year} {d.hour:02d}:{d.minute:02d}:{d.second:02d} {sign}{mins // 60:02d}{mins % 60:02d}"


def xesc(s):
    return html.escape(s, quote=False)


def rss_feed(feed, items):
    fid, section, _, title, path = feed
    lang = items[0]["lang"]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
           '<channel>',
           f'<title>{xesc(title)}</title>', f'<link>{HOST}/section/{section}.html</link>',
           f'<atom:link href="{HOST}/{path}" rel="self" type="application/rss+xml"/>',
           '<description>Dernières nouvelles et nouvelles du monde de 7 Seizh sur les affaires, les sports et la culture.</description>',
           *([f'<language>{lang}</language>'] if all(s["lang"] == lang for s in items) else []), f'<lastBuildDate>{rfc822(items[0]["when"])}</lastBuildDate>',
           '<generator>telex sample edition</generator>', '<ttl>30</ttl>']
    for s in items:
        out += ['<item>', f'<title>{xesc(s["title"])}</title>', f'<link>{article_href(s["slug"], True)}</link>',
                f'<guid isPermaLink="false">7seizh-{s["slug"]}</guid>', f'<pubDate>{rfc822(s["when"])}</pubDate>',
                f'<dc:creator>{xesc(s["author"])}</dc:creator>']
        out += [f'<category>{xesc(t)}</category>' for t in s["tag_list"]]
        out += [f'<description>{xesc(s["summary"])}</description>', '</item>']
    out += ['</channel>', '</rss>', '']
    return "\n".join(out)


def atom_feed(feed, items):
    fid, section, _, title, path = feed
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           f'<title>{xesc(title)}</title>', f'<subtitle>News from the 7seizh newsroom</subtitle>',
           f'<link rel="self" type="application/atom+xml" href="{HOST}/{path}"/>',
           f'<link rel="alternate" type="text/html" href="{HOST}/section/{section}.html"/>',
           f'<id>tag:telex-demo.invalid,2026:{fid}</id>', f'<updated>{items[0]["date"]}</updated>',
           '<generator uri="https://example.invalid/telex">telex sample edition</generator>']
    for s in items:
        out += ['<entry>', f'<title type="text">{xesc(s["title"])}</title>',
                f'<link rel="alternate" type="text/html" hreflang="{s["lang"]}" href="{article_href(s["slug"], True)}"/>',
                f'<id>tag:telex-demo.invalid,2026:{s["slug"]}</id>', f'<published>{s["date"]}</published>',
                f'<updated>{s.get("updated", s["date"])}</updated>',
                f'<author><name>{xesc(s["author"])}</name></author>']
        out += [f'<category term="{esc(t)}"/>' for t in s["tag_list"]]
        out += [f'<summary type="html">{xesc("<p>" + esc(s["summary"]) + "</p>")}</summary>', '</entry>']
    out += ['</feed>', '']
    return "\n".join(out)


def json_feed(feed, items):
    fid, section, _, title, path = feed
    doc = {
        "version": "https://jsonfeed.org/version/1.1", "title": title,
        "home_page_url": f"{HOST}/section/{section}.html", "feed_url": f"{HOST}/{path}",
        "description": "News from the 7seizh newsroom",
        **({"language": items[0]["lang"]} if all(s["lang"] == items[0]["lang"] for s in items) else {}),
        "authors": [{"name": "7seizh"}],
        "items": [{
            "id": f"7seizh-{s['slug']}", "url": article_href(s["slug"], True), "title": s["title"],
            "summary": s["summary"], "content_text": s["summary"], "date_published": s["date"],
            **({"date_modified": s["updated"]} if s.get("updated") else {}),
            "authors": [{"name": s["author"]}], "tags": s["tag_list"], "language": s["lang"],
            **({"image": f"{HOST}/images/{s['image']}"} if s.get("image") else {}),
        } for s in items],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- the PDF

def tiny_pdf(title, lines):
    """A valid one-page PDF (ASCII only, so it embeds as text), with a correct xref table."""
    content = "BT /F1 18 Tf 72 760 Td (" + title + ") Tj ET\n"
    y = 730
    for line in lines:
        content += f"BT /F1 11 Tf 72 {y} Td ({line}) Tj ET\n"
        y -= 16
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out


# ---------------------------------------------------------------- README's link graph

def write_link_graph(stories, by_slug):
    """Rewrites the table between the link-graph markers of Resources/SampleEdition/README.md."""
    path = os.path.join(OUT, "README.md")
    if not os.path.exists(path):
        return
    feed_files = {f[0]: os.path.basename(f[4]) for f in FEEDS}
    rows = ["| article | lang | feed | READ lines in the body | Related-stories widget |", "| --- | --- | --- | --- | --- |"]
    order = [sid for sid, _ in SECTIONS]
    for s in sorted(stories, key=lambda s: (order.index(s["section"]), s["slug"])):
        reads = ", ".join(s.get("read_links", [])) or "—"
        widget = "—" if s.get("widget") == "no" else (", ".join(s["related_list"]) or "—")
        feed = feed_files.get(s["feed"], "**none (uncached)**")
        rows.append(f"| `{s['slug']}` | {s['lang']} | {feed} | {reads} | {widget} |")
    text = open(path, encoding="utf-8").read()
    begin, end = "<!-- link-graph:begin -->", "<!-- link-graph:end -->"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + begin + "\n" + "\n".join(rows) + "\n" + end + rest.split(end, 1)[1]
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


# ---------------------------------------------------------------- main

def main():
    stories = read_stories()
    by_slug = {s["slug"]: s for s in stories}
    if len(by_slug) != len(stories):
        fail("duplicate slug")
    feed_ids = {f[0] for f in FEEDS} | {"none"}
    for s in stories:
        if s["feed"] not in feed_ids:
            fail(f"{s['slug']}: unknown feed {s['feed']}")
        if s["lang"] not in LABELS:
            fail(f"{s['slug']}: unknown language {s['lang']}")
    files = {}
    for s in stories:
        files[f"articles/{s['slug']}.html"] = page_html(s, stories, by_slug)
    for feed in FEEDS:
        items = sorted((s for s in stories if s["feed"] == feed[0]), key=lambda s: s["when"], reverse=True)
        if not items:
            fail(f"feed {feed[0]} has no items")
        files[feed[4]] = {"rss": rss_feed, "atom": atom_feed, "json": json_feed}[feed[2]](feed, items)
    files.update(index_pages(stories))
    files["files/ecb-financial-stability-review-2026-11.pdf"] = tiny_pdf(
        "Financial Stability Review - November 2026 (summary)",
        ["A fictional report bundled with the telex sample edition.",
         "1. Euro area banks remain well capitalised.",
         "2. Commercial real estate is the main vulnerability.",
         "3. Non-bank lenders warrant closer supervision."])
    # Related stories are not prefetched, so the one page outside the feeds stays uncached until followed.
    demo = {"settings": {"jobs": 4, "per_host": 4, "default_interval": "30m", "prefetch_per_article": 0}, "sections": []}
    for sid, name in SECTIONS:
        feeds = [{"url": f"{HOST}/{f[4]}", "title": f[3], "article": "always"} for f in FEEDS if f[1] == sid]
        demo["sections"].append({"name": name, "feeds": feeds})
    files["feeds.json"] = json.dumps(demo, ensure_ascii=False, indent=2) + "\n"

    # Replace the generated tree (README.md is written by hand and kept).
    for sub in ("articles", "feeds", "files", "section"):
        d = os.path.join(OUT, sub)
        if os.path.isdir(d):
            for f in os.listdir(d):
                os.remove(os.path.join(d, f))
    for rel, text in files.items():
        path = os.path.join(OUT, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    write_link_graph(stories, by_slug)
    total = sum(len(t.encode("utf-8")) for t in files.values())
    print(f"build-site: {len(stories)} stories, {len(FEEDS)} feeds, {len(files)} files, {total} bytes")


if __name__ == "__main__":
    main()
