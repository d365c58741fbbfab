"""Words the loaders must recognise in four languages: month names and totals labels; and
channel names as the channel mapping matches them.

Kept apart so that header detection (wide month columns) and value parsing (months such as
"marzo 2026") read the same table. Keys are casefolded; Chinese months are handled by pattern
(`3月`, `三月`) in the parsers.
"""

from __future__ import annotations

# month number -> names and abbreviations (en, it, fi); Finnish also in the partitive
# ("maaliskuuta") and the short forms people type in column headers ("maalis").
MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "gennaio", "gen", "tammikuu", "tammikuuta", "tammi", "tam"),
    2: ("february", "feb", "febbraio", "helmikuu", "helmikuuta", "helmi", "hel"),
    3: ("march", "mar", "marzo", "maaliskuu", "maaliskuuta", "maalis", "maa"),
    4: ("april", "apr", "aprile", "huhtikuu", "huhtikuuta", "huhti", "huh"),
    5: ("may", "maggio", "mag", "toukokuu", "toukokuuta", "touko", "tou"),
    6: ("june", "jun", "giugno", "giu", "kesäkuu", "kesäkuuta", "kesä", "kes"),
    7: ("july", "jul", "luglio", "lug", "heinäkuu", "heinäkuuta", "heinä", "hei"),
    8: ("august", "aug", "agosto", "ago", "elokuu", "elokuuta", "elo"),
    9: ("september", "sep", "sept", "settembre", "set", "syyskuu", "syyskuuta", "syys", "syy"),
    10: ("october", "oct", "ottobre", "ott", "lokakuu", "lokakuuta", "loka", "lok"),
    11: ("november", "nov", "novembre", "marraskuu", "marraskuuta", "marras"),
    12: ("december", "dec", "dicembre", "dic", "joulukuu", "joulukuuta", "joulu", "jou"),
}

# casefolded name -> month number. "mar" is March (English/Italian), never marraskuu.
MONTH_BY_NAME: dict[str, int] = {}
for _number, _names in MONTH_NAMES.items():
    for _name in _names:
        MONTH_BY_NAME.setdefault(_name.rstrip("."), _number)

CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                  "九": 9, "十": 10, "十一": 11, "十二": 12}

# Labels of a totals row, casefolded (en, it, fi, zh simplified and traditional).
TOTAL_LABELS = (
    "total", "totals", "grand total", "subtotal", "sub-total", "sum",
    "totale", "totali", "totale complessivo", "subtotale", "somma",
    "yhteensä", "yhteensa", "kaikki yhteensä", "välisumma", "summa yhteensä",
    "合计", "合計", "总计", "總計", "小计", "小計", "总额", "總額",
)

# Labels that start (en, it, zh) or end (fi: "kulut yhteensä") a totals row, casefolded.
TOTAL_PREFIXES = ("total ", "totals ", "grand total", "subtotal", "totale ", "totali ",
                  "subtotale", "yhteensä ", "合计", "合計", "总计", "總計", "小计", "小計")
TOTAL_SUFFIXES = (" yhteensä", " yhteensa")

# Closed value sets: canonical value -> aliases, casefolded and without accents (the parsers
# strip accents before looking up, so "perù"-style typing with or without accents matches).
STATUS_ALIASES: dict[str, tuple[str, ...]] = {
    "quoted": ("quote", "quoted", "estimate", "preventivo", "offerta", "tarjous", "tarjottu",
               "报价", "報價", "已报价", "已報價"),
    "ordered": ("order", "ordered", "po", "purchase order", "ordine", "ordinato", "tilattu",
                "tilaus", "已下单", "已下單", "订单", "訂單"),
    "invoiced": ("invoice", "invoiced", "billed", "fatturato", "fatturata", "fattura",
                 "laskutettu", "lasku", "已开票", "已開票", "开票", "開票"),
    "paid": ("paid", "settled", "pagato", "pagata", "saldato", "saldata", "maksettu",
             "已付款", "已付", "已支付"),
    "cancelled": ("cancelled", "canceled", "void", "annullato", "annullata", "peruttu",
                  "peruutettu", "已取消", "取消"),
}
VERSION_ALIASES: dict[str, tuple[str, ...]] = {
    "budget": ("budget", "plan", "piano", "budjetti", "预算", "預算"),
    "forecast": ("forecast", "rolling forecast", "previsione", "ennuste", "预测", "預測"),
}
BOOL_WORDS: dict[bool, tuple[str, ...]] = {
    True: ("yes", "y", "true", "si", "s", "vero", "kylla", "k", "on", "是", "有", "x", "✓",
           "✔", "☑", "1", "1.0"),
    False: ("no", "n", "false", "falso", "ei", "e", "off", "否", "无", "無", "✗", "✘", "0",
            "0.0"),
}

# Currency symbols and words -> ISO code. "¥" and "元" are read as renminbi (the Chinese
# offices' currency), not yen; a yen amount must say JPY.
CURRENCY_SYMBOLS: dict[str, str] = {
    "€": "EUR", "euro": "EUR", "euros": "EUR", "$": "USD", "us$": "USD", "£": "GBP",
    "¥": "CNY", "元": "CNY", "rmb": "CNY", "cn¥": "CNY", "人民币": "CNY", "人民幣": "CNY",
}

# Active ISO 4217 codes (plus a few recently withdrawn ones still found in old files).
ISO_CURRENCIES = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN
BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP
ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR
ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD
MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR
PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL
THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF
XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG ZWL
""".split())
