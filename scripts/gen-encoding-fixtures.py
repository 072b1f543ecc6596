#!/usr/bin/env python3
"""Writes the encoding fixtures of tests/fixtures/feeds (enc-*.xml): one feed per legacy encoding
(declared), feeds that declare nothing (detection), mislabelled ones, a byte order mark against the
declaration, and HTTP charset against the declaration. Run it again after changing a text here; the
expected values in Tests/TelexFeedsTests/EncodingTests.swift are literal.
Usage: scripts/gen-encoding-fixtures.py [DIR]
"""
import os, sys

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "feeds")

# Short news in each language: enough text for detection to have something to go on.
TEXTS = {
    "ja": [("東京で桜が開花、平年より五日早く",
            "気象庁は二十日、東京都心で桜の開花を観測したと発表した。平年より五日早く、昨年より三日遅い。見頃は来週末になる見込みだという。"),
           ("新しい駅ビルが来月開業へ",
            "駅の東口に建設中だった複合ビルが来月一日に開業する。飲食店や書店など約百店舗が入る予定で、地元の商店街との連携も進めるという。")],
    "zh-hans": [("不归移民漫画", "据气象部门介绍，今天凌晨开始，北京大部分地区迎来今年首场春雨，累计降水量达到十毫米左右，有效缓解了近期的旱情。预计明天天气转晴，气温回升。"),
                ("上海地铁新线路年底开通", "上海地铁十八号线二期工程进展顺利，计划于今年年底前开通试运营，届时将进一步方便浦东地区居民出行。")],
    "zh-hant": [("台北市立圖書館延長開放時間", "為了服務更多讀者，台北市立圖書館總館自下個月起將延長開放時間至晚間十點，週末也將提供更多閱讀活動與講座。"),
                ("高雄港貨櫃量創新高", "高雄港務分公司表示，今年第一季貨櫃裝卸量較去年同期成長百分之八，創下歷年同期新高，主要受惠於東南亞航線需求增加。")],
    "ko": [("서울 도심에 첫 벚꽃 개화", "기상청은 오늘 서울 도심에서 올해 첫 벚꽃이 피었다고 밝혔다. 이는 평년보다 닷새 빠른 것으로, 다음 주말께 절정을 이룰 것으로 보인다."),
           ("새 지하철 노선 다음 달 개통", "수도권 서부를 잇는 새 지하철 노선이 다음 달 개통된다. 출퇴근 시간이 크게 줄어들 것으로 기대된다.")],
    "ru": [("В Москве открылась новая станция метро",
            "Новая станция метро открылась сегодня на севере Москвы. По словам представителей города, она сократит время в пути для жителей соседних районов почти на двадцать минут."),
           ("Погода: на выходных ожидается потепление",
            "Синоптики обещают, что в субботу и воскресенье температура поднимется до пятнадцати градусов тепла, а осадков не ожидается.")],
    "uk": [("Київ готується до весняного фестивалю",
            "У столиці України триває підготовка до щорічного весняного фестивалю, який відбудеться наприкінці квітня. Організатори обіцяють їжу, музику та ярмарок.")],
    "he": [("פסטיבל האביב נפתח בירושלים", "פסטיבל האביב השנתי נפתח הערב בירושלים בהשתתפות אלפי מבקרים. במהלך השבוע יתקיימו הופעות, תערוכות ושווקים ברחבי העיר."),
           ("מזג האוויר: חם ויבש בסוף השבוע", "בסוף השבוע צפוי מזג אוויר חם ויבש, עם טמפרטורות גבוהות מהרגיל לעונה.")],
    "th": [("กรุงเทพฯ เตรียมจัดงานเทศกาลสงกรานต์",
            "กรุงเทพมหานครเตรียมจัดงานเทศกาลสงกรานต์ประจำปีบริเวณถนนข้าวสาร โดยคาดว่าจะมีนักท่องเที่ยวทั้งชาวไทยและชาวต่างชาติเข้าร่วมงานจำนวนมาก")],
    "el": [("Νέα γραμμή μετρό στην Αθήνα", "Η νέα γραμμή του μετρό της Αθήνας θα λειτουργήσει από τον επόμενο μήνα, συνδέοντας το κέντρο με τα βόρεια προάστια.")],
    "tr": [("İstanbul'da yeni köprü açıldı",
            "Boğaz üzerindeki yeni köprü bugün düzenlenen törenle trafiğe açıldı. Yetkililer, köprünün şehir içi ulaşımı önemli ölçüde rahatlatacağını söyledi.")],
    "pl": [("Zażółć gęślą jaźń: nowy słownik", "Wydawnictwo przedstawiło dziś nowy słownik, który zawiera ponad sto tysięcy haseł i uwzględnia najnowsze zmiany w pisowni.")],
    "ar": [("افتتاح معرض الكتاب في القاهرة", "افتتح اليوم معرض القاهرة الدولي للكتاب بمشاركة مئات الناشرين من مختلف الدول العربية والأجنبية.")],
    "lt": [("Vilniuje atidarytas naujas tiltas", "Šiandien Vilniuje iškilmingai atidarytas naujas pėsčiųjų tiltas per Nerį, jungiantis senamiestį su naujaisiais rajonais.")],
    "fr": [("Le café de la gare rouvre ses portes",
            "Après deux ans de travaux, le café de la gare accueille à nouveau ses habitués : crêpes, chocolat chaud et journaux du matin, comme avant.")],
}


def feed(items, declaration=None, prolog=True):
    decl = ('<?xml version="1.0" encoding="%s"?>\n' % declaration) if declaration else ('<?xml version="1.0"?>\n' if prolog else "")
    body = "".join("<item><title>%s</title><link>http://example.com/%d</link><description>%s</description></item>\n"
                   % (t, i, d) for i, (t, d) in enumerate(items))
    return decl + '<rss version="2.0"><channel><title>Encodings</title><link>http://example.com/</link>\n' + body + "</channel></rss>\n"


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


# Declared: every legacy encoding the web still serves.
DECLARED = [
    ("shift_jis", "Shift_JIS", "ja"), ("euc-jp", "EUC-JP", "ja"), ("iso-2022-jp", "ISO-2022-JP", "ja"),
    ("euc-kr", "EUC-KR", "ko"), ("gb2312", "GB2312", "zh-hans"), ("big5", "Big5", "zh-hant"),
    ("koi8-u", "KOI8-U", "uk"), ("windows-1251", "windows-1251", "ru"), ("windows-1250", "windows-1250", "pl"),
    ("windows-1253", "windows-1253", "el"), ("windows-1254", "windows-1254", "tr"), ("windows-1255", "windows-1255", "he"),
    ("windows-1256", "windows-1256", "ar"), ("windows-1257", "windows-1257", "lt"), ("iso-8859-2", "ISO-8859-2", "pl"),
    ("iso-8859-5", "ISO-8859-5", "ru"), ("iso-8859-7", "ISO-8859-7", "el"), ("iso-8859-8", "ISO-8859-8", "he"),
    ("iso-8859-9", "ISO-8859-9", "tr"), ("tis-620", "TIS-620", "th"), ("cp874", "windows-874", "th"),
]
for codec, label, lang in DECLARED:
    write("enc-%s.xml" % label.lower(), feed(TEXTS[lang][:1], label).encode(codec))

# GBK and GB18030 beyond GB2312: 镕 is GBK only; 𠮷 takes four bytes in GB18030.
write("enc-gbk.xml", feed([("朱镕基访问上海", "国务院总理朱镕基今天抵达上海进行考察。")], "GBK").encode("gbk"))
write("enc-gb18030.xml", feed([("吉野家的𠮷字", "日本连锁店吉野家招牌上的𠮷字在四字节编码中才有。")], "GB18030").encode("gb18030"))
# windows-1258 as Windows writes Vietnamese: base letters and combining marks, never composed by the decoder.
write("enc-windows-1258.xml", feed([("H\u00e0 N\u00f4\u0323i", "Th\u00f4ng tin")], "windows-1258").encode("cp1258"))

# Undeclared: detection from the bytes.
UNDECLARED = [("gb2312", "zh-hans"), ("shift_jis", "ja"), ("euc-jp", "ja"), ("iso-2022-jp", "ja"), ("euc-kr", "ko"),
              ("big5", "zh-hant"), ("windows-1251", "ru"), ("koi8-r", "ru"), ("windows-1255", "he"), ("tis-620", "th"),
              ("cp1252", "fr")]
for codec, lang in UNDECLARED:
    write("enc-undeclared-%s.xml" % codec.replace("cp1252", "windows-1252"), feed(TEXTS[lang], None).encode(codec))

# Mislabelled.
# "ISO-8859-1" means windows-1252: 0x80-0x9F are curly quotes, dashes and the ellipsis, not C1 controls.
write("enc-latin1-label-c1.xml", feed([("\u201cQuoted\u201d \u2013 it\u2019s here\u2026", "d")], "ISO-8859-1").encode("cp1252"))
# Declared EUC-JP, written in Shift_JIS: not valid EUC-JP, so detected.
write("enc-mislabelled-eucjp-is-sjis.xml", feed(TEXTS["ja"], "EUC-JP").encode("shift_jis"))
# Declared UTF-8, written in GB2312.
write("enc-mislabelled-utf8-is-gb2312.xml", feed(TEXTS["zh-hans"], "UTF-8").encode("gb2312"))

# A byte order mark outranks the declaration.
write("enc-bom-utf8-declared-latin1.xml", b"\xef\xbb\xbf" + feed([("Café ✓ 日本", "d")], "ISO-8859-1").encode("utf-8"))
write("enc-bom-utf16le-declared-utf8.xml", b"\xff\xfe" + feed([("Grüße ✓ 日本", "d")], "UTF-8").encode("utf-16-le"))

# The HTTP charset outranks the declaration (the tests pass --charset / a Content-Type).
write("enc-http-charset-vs-declaration.xml", feed(TEXTS["ru"][:1], "ISO-8859-1").encode("cp1251"))
# HTTP says UTF-8, the document is ISO-8859-15 as it declares: not valid UTF-8, so the declaration decides.
write("enc-http-utf8-vs-declaration.xml", feed([("Prix : 5 € ou 4,50 £", "d")], "ISO-8859-15").encode("iso-8859-15"))

# A server's default "charset=ISO-8859-1" on a feed that declares UTF-8 and is valid UTF-8: UTF-8.
write("enc-http-latin1-vs-utf8.xml", feed([("Grüße – it’s UTF-8", "d")], "UTF-8").encode("utf-8"))

# <meta charset> in an HTML page a server printed before the feed (an error page, then the feed; the
# XML declaration names no encoding).
write("enc-meta-charset.xml", ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head>'
                               '<body><b>Warning</b>: Cannot modify header information</body></html>\n'
                               + feed(TEXTS["ru"][:1], None)).encode("koi8-r"))
print("wrote the enc-*.xml fixtures in", os.path.normpath(out))
