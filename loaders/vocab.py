"""Words the loaders must recognise in four languages: month names and totals labels.

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
